import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  appSessions,
  attendanceGradeQueue,
  attendanceMarkHistory,
  attendanceMarks,
  checkinAttempts,
  checkinDevices,
  checkinGuessCounts,
  courseGroupMembers,
  courseMembers,
  followupContacts,
  followupWarnings,
  lecturerCounts,
  lecturerReplies,
  ltiStore,
  moodleMessageRecipients,
  notifyDeliveries,
  notifyMessages,
  notifyOptOuts,
  planningCoordinators,
  studyClasses,
  excuseFiles,
  excuses,
} from "../db/schema.js";
import { rowsOf } from "../db/rows.js";
import type { ActorRef } from "./actor-refs.js";
import type { PersonRows, Tx } from "./person-scope.js";

/** Rows changed per table (or table.column for the actor columns). */
export type Counts = Record<string, number>;

async function countOf(tx: Tx, statement: SQL): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`with c as (${statement} returning 1) select count(*)::int as n from c`),
  );
  return Number(row?.n ?? 0);
}

const deleted = (tx: Tx, table: PgTable, where: SQL) => countOf(tx, sql`delete from ${table} where ${where}`);

/**
 * The rows that go. Deliveries and the messages about them first: which messages those are is read through the
 * warnings and contacts, which are changed afterwards.
 */
export async function deletePersonRows(tx: Tx, w: PersonRows, counts: Counts): Promise<void> {
  const steps: [string, PgTable, SQL][] = [
    ["notify_deliveries", notifyDeliveries, w.deliveries],
    ["notify_messages", notifyMessages, w.messagesAbout],
    ["lti_store", ltiStore, w.ltiTokens],
    ["app_sessions", appSessions, w.appSessions],
    ["attendance_grade_queue", attendanceGradeQueue, w.gradeQueue],
    ["checkin_attempts", checkinAttempts, w.attempts],
    ["checkin_devices", checkinDevices, w.devices],
    ["checkin_guess_counts", checkinGuessCounts, w.guessCounts],
    ["followup_contacts", followupContacts, w.contacts],
    ["excuse_files", excuseFiles, w.excuseFiles], // before the requests: the files are found through them
    ["excuses", excuses, w.excuses],
    ["notify_opt_outs", notifyOptOuts, w.optOuts],
    ["moodle_message_recipients", moodleMessageRecipients, w.moodleRecipients],
    ["planning_coordinators", planningCoordinators, w.coordinators],
    ["lecturer_replies", lecturerReplies, w.lecturerReplies],
  ];
  for (const [name, table, where] of steps) counts[name] = await deleted(tx, table, where);
}

/**
 * The roster rows become the pseudonym's, as a student who left (past sessions still count them, new ones do not
 * list them). The group memberships move to the new rows before the old ones go (their key includes the user id).
 */
export async function anonymiseRoster(tx: Tx, w: PersonRows, pseudonym: string, now: Date, counts: Counts) {
  const at = now.toISOString();
  await tx.execute(sql`
    insert into ${courseMembers} (course_id, user_id, name, given_name, family_name, email, username, roles,
      is_learner, is_enrolled, locale, left_at, updated_at)
    select course_id, ${pseudonym}, '', '', '', null, null, roles, is_learner, false, null,
      coalesce(left_at, ${at}::timestamptz), ${at}::timestamptz
    from ${courseMembers} where ${w.courseMembers}`);
  counts.course_group_members = await countOf(
    tx,
    sql`update ${courseGroupMembers} set user_id = ${pseudonym} where ${w.groupMembers}`,
  );
  counts.course_members = await deleted(tx, courseMembers, w.courseMembers);
}

/** Marks, their history and the follow-up facts stay under the pseudonym; remarks (often health notes) go. */
export async function anonymiseRegister(tx: Tx, w: PersonRows, userId: string, pseudonym: string, counts: Counts) {
  counts.attendance_marks = await countOf(
    tx,
    sql`update ${attendanceMarks} set user_id = ${pseudonym}, remark = '' where ${w.marks}`,
  );
  counts.attendance_mark_history = await countOf(
    tx,
    sql`update ${attendanceMarkHistory} set user_id = ${pseudonym},
      from_remark = case when from_remark is null then null else '' end,
      to_remark = case when to_remark is null then null else '' end
    where ${w.markHistory}`,
  );
  // a fact key names the student before the sessions (`below:75:3:<user>:s12P`): the same fact, the pseudonym's
  counts.followup_warnings = await countOf(
    tx,
    sql`update ${followupWarnings} set user_id = ${pseudonym}, message_id = null,
      fact_key = replace(fact_key, ${`:${userId}:s`}, ${`:${pseudonym}:s`})
    where ${w.warnings}`,
  );
}

/** The classes they teach and the counts they gave stay for the plan; their name and address go. */
export async function anonymiseTeaching(tx: Tx, w: PersonRows, counts: Counts) {
  counts.study_classes = await countOf(
    tx,
    sql`update ${studyClasses} set lecturer_name = '', lecturer_email = '' where ${w.classesTaught}`,
  );
  counts.lecturer_counts = await countOf(tx, sql`update ${lecturerCounts} set email = '' where ${w.lecturerCounts}`);
}

/** Where they are the one who acted on someone else's row: the pseudonym instead of their id (and name). */
export async function pseudonymiseActors(tx: Tx, refs: readonly ActorRef[], pseudonym: string, counts: Counts) {
  for (const r of refs) {
    const clearName = r.nameColumn ? sql`, ${sql.identifier(r.nameColumn.name)} = ''` : sql``;
    counts[r.name] = await countOf(
      tx,
      sql`update ${r.table} set ${sql.identifier(r.column.name)} = ${pseudonym}${clearName} where ${r.where}`,
    );
  }
}
