import { requireActivity } from "../../activities/index.js";
import type { Db } from "../../db/client.js";
import { NotFound } from "../../errors.js";
import type { T } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";
import type { AttendancePanels } from "../ports.js";
import { presentSession } from "../sessions/present.js";
import { getSession } from "../sessions/queries.js";
import { listSetStatuses } from "../statuses/queries.js";
import { presentHistory } from "./present-history.js";
import { presentRegister } from "./present.js";
import { listExpectedStudents, listMarkHistory, listSessionMarks, memberNames } from "./queries.js";

/** A session's register page: its statuses, a row per expected student with the mark, and the self check-ins. */
export async function getRegisterPage(
  db: Db,
  actor: Actor,
  ids: { activityId: number; sessionId: number },
  now: Date,
  t: T,
  panels: AttendancePanels,
) {
  authorize(actor, "attendance.take");
  const { activity, course } = await requireActivity(db, actor, ids.activityId);
  const session = await getSession(db, activity.id, ids.sessionId);
  if (!session) throw NotFound();
  const [statuses, students, marks] = await Promise.all([
    listSetStatuses(db, session.setId),
    listExpectedStudents(db, course.id, session),
    listSessionMarks(db, session.id),
  ]);
  const [names, selfCheckins] = await Promise.all([
    memberNames(
      db,
      course.id,
      [...marks.values()].map((m) => m.markedBy),
    ),
    panels.selfCheckins(db, session.id, course.timezone),
  ]);
  const input = { session, statuses, students, marks, names, zone: course.timezone, locale: actor.locale, now };
  return { selfCheckins, activityId: activity.id, activityTitle: activity.title, ...presentRegister(input, t) };
}

/** One student's mark in a session and every change of it; a student not in the course is NotFound. */
export async function getMarkHistoryPage(
  db: Db,
  actor: Actor,
  ids: { activityId: number; sessionId: number; userId: string },
  now: Date,
  t: T,
) {
  authorize(actor, "attendance.take");
  const { activity, course } = await requireActivity(db, actor, ids.activityId);
  const session = await getSession(db, activity.id, ids.sessionId);
  const { userId } = ids;
  const student = session && (await memberNames(db, course.id, [userId])).get(userId);
  if (!session || !student) throw NotFound();
  const [statuses, marks, history] = await Promise.all([
    listSetStatuses(db, session.setId),
    listSessionMarks(db, session.id),
    listMarkHistory(db, session.id, userId),
  ]);
  const names = await memberNames(
    db,
    course.id,
    history.map((h) => h.changedBy),
  );
  const view = presentHistory({ history, mark: marks.get(userId), statuses, names, zone: course.timezone }, t);
  const shown = presentSession(session, course.timezone, actor.locale, now);
  return { activityId: activity.id, userId, session: shown, student, ...view };
}
