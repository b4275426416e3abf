import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../../db/client.js";
import { attendanceStatuses, attendanceStatusSets, courseMembers } from "../../db/schema.js";
import { translator } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import type { ImportResult } from "./import-sessions.js";
import { listExpectedStudents } from "../register/queries.js";
import { planMarksImport, type MarksImportContext } from "./plan-marks-import.js";
import { authorize } from "../policy.js";
import { readSessionTable, type ImportSource } from "./read-session-table.js";
import { recordMarks } from "../register/record-marks.js";
import { requireActivity } from "../../activities/index.js";
import { getSession, listSessions } from "../sessions/queries.js";

/** Marks one file may hold (a course's whole year is a few thousand); limits.too_many_rows names this number. */
export const MAX_MARK_ROWS = 20_000;

/** The tidy export's column titles in both languages (and the plain keys), so an export reads back as it is. */
function headers(): MarksImportContext["headers"] {
  const names = (key: string, extra: string[]) => [
    ...new Set([
      ...extra,
      ...(["lv", "en"] as const).map((l) => translator(l)(`attendance.export.col.${key}`).toLowerCase()),
    ]),
  ];
  return {
    userId: names("moodle_user_id", ["moodle_user_id", "user_id", "userid"]),
    date: names("date", ["date"]),
    start: names("start", ["start"]),
    status: names("status", ["status"]),
    remark: names("remark", ["remark"]),
  };
}

/**
 * Imports marks from CSV or XLSX in the tidy export's shape: every row is checked first (student, session,
 * status in that session's set, the student expected there), and the marks are recorded in one transaction
 * (with history and grades, as the register does) only when no row has a problem.
 */
export async function importMarks(
  db: Db,
  actor: Actor,
  activityId: number,
  source: ImportSource,
  now: Date,
): Promise<ImportResult> {
  authorize(actor, "attendance.take");
  const { course } = await requireActivity(db, actor, activityId);
  const rows = await readSessionTable(source, MAX_MARK_ROWS + 1);
  if ("messageKey" in rows) return { imported: 0, problems: [rows] };
  if (rows.length > MAX_MARK_ROWS + 1)
    return { imported: 0, problems: [{ line: 1, column: "", messageKey: "limits.too_many_rows" }] };
  const [students, sessions, statuses] = await Promise.all([
    db
      .select({ userId: courseMembers.userId })
      .from(courseMembers)
      .where(and(eq(courseMembers.courseId, course.id), eq(courseMembers.isLearner, true))),
    listSessions(db, activityId),
    db
      .select({ id: attendanceStatuses.id, setId: attendanceStatuses.setId, acronym: attendanceStatuses.acronym })
      .from(attendanceStatuses)
      .innerJoin(attendanceStatusSets, eq(attendanceStatusSets.id, attendanceStatuses.setId))
      .where(and(eq(attendanceStatusSets.activityId, activityId), eq(attendanceStatuses.isHidden, false))),
  ]);
  const bySet = new Map<number, Map<string, number>>();
  for (const s of statuses)
    bySet.set(s.setId, (bySet.get(s.setId) ?? new Map<string, number>()).set(s.acronym.toUpperCase(), s.id));
  const local = new Map(
    sessions.map((s) => [
      DateTime.fromJSDate(s.startsAt, { zone: course.timezone }).toFormat("yyyy-MM-dd HH:mm"),
      { id: s.id, setId: s.setId },
    ]),
  );
  const t = translator(actor.locale);
  const plan = planMarksImport(rows, {
    headers: headers(),
    titles: {
      userId: t("attendance.export.col.moodle_user_id"),
      date: t("attendance.export.col.date"),
      start: t("attendance.export.col.start"),
      status: t("attendance.export.col.status"),
    },
    studentIds: new Set(students.map((s) => s.userId)),
    sessions: local,
    statuses: bySet,
  });
  for (const [sessionId, wishes] of plan.bySession) {
    const expected = new Set(
      (await listExpectedStudents(db, course.id, (await getSession(db, activityId, sessionId))!)).map((m) => m.userId),
    );
    for (const w of wishes)
      if (!expected.has(w.userId))
        plan.problems.push({ line: w.line, column: "", messageKey: "attendance.marks_import.not_expected" });
  }
  if (plan.problems.length > 0) return { imported: 0, problems: plan.problems.sort((a, b) => a.line - b.line) };
  let imported = 0;
  await db.transaction(async (tx) => {
    for (const [sessionId, wishes] of plan.bySession)
      imported += (await recordMarks(tx as unknown as Db, actor, activityId, sessionId, wishes, now)).changed;
  });
  return { imported, problems: [] };
}
