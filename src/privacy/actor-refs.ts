import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import {
  activities,
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
  classChanges,
  followupContacts,
  followupRules,
  moodleConnections,
  moodleMessageRequests,
  excuses,
  studyDayAutomation,
} from "../db/schema.js";
import { platformScope, type Person, type Tx } from "./person-scope.js";

/** A column that names the person as the one who did something to someone else's row. */
export interface ActorRef {
  /** table.column, as the export's counts and the dry run name it. */
  name: string;
  table: PgTable;
  column: PgColumn;
  /** A name column beside it, cleared with it. */
  nameColumn?: PgColumn;
  where: SQL;
}

/** Every place the person appears as the actor; the delete puts the pseudonym there, the export counts them. */
export function actorRefs(db: Db | Tx, p: Person): ActorRef[] {
  const s = platformScope(db, p.platformId);
  const u = p.userId;
  const ref = (name: string, table: PgTable, column: PgColumn, scope: SQL, nameColumn?: PgColumn): ActorRef => ({
    name,
    table,
    column,
    nameColumn,
    where: and(scope, eq(column, u))!,
  });
  return [
    ref("activities.created_by", activities, activities.createdBy, inArray(activities.courseId, s.courseIds)),
    ...[attendanceSessions.createdBy, attendanceSessions.lecturerUserId].map((c) =>
      ref(
        `attendance_sessions.${c.name}`,
        attendanceSessions,
        c,
        inArray(attendanceSessions.activityId, s.activityIds),
      ),
    ),
    ref(
      "attendance_marks.marked_by",
      attendanceMarks,
      attendanceMarks.markedBy,
      inArray(attendanceMarks.sessionId, s.sessionIds),
    ),
    ref(
      "attendance_mark_history.changed_by",
      attendanceMarkHistory,
      attendanceMarkHistory.changedBy,
      inArray(attendanceMarkHistory.sessionId, s.sessionIds),
    ),
    ref(
      "followup_rules.updated_by",
      followupRules,
      followupRules.updatedBy,
      inArray(followupRules.activityId, s.activityIds),
    ),
    ref(
      "followup_contacts.by_user_id",
      followupContacts,
      followupContacts.byUserId,
      inArray(followupContacts.activityId, s.activityIds),
      followupContacts.byName,
    ),
    ref(
      "excuses.decided_by",
      excuses,
      excuses.decidedBy,
      inArray(excuses.activityId, s.activityIds),
      excuses.decidedByName,
    ),
    ref(
      "class_changes.by_user_id",
      classChanges,
      classChanges.byUserId,
      inArray(classChanges.classId, s.classIds),
      classChanges.byName,
    ),
    ref(
      "study_day_automation.changed_by",
      studyDayAutomation,
      studyDayAutomation.changedBy,
      eq(studyDayAutomation.platformId, p.platformId),
    ),
    ref(
      "moodle_connections.updated_by",
      moodleConnections,
      moodleConnections.updatedBy,
      eq(moodleConnections.platformId, p.platformId),
    ),
    ref(
      "moodle_message_requests.sender_user_id",
      moodleMessageRequests,
      moodleMessageRequests.senderUserId,
      inArray(moodleMessageRequests.courseId, s.courseIds),
    ),
  ];
}
