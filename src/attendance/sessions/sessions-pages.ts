import { listMembers, requireActivity } from "../../activities/index.js";
import type { Db } from "../../db/client.js";
import { NotFound } from "../../errors.js";
import { listGroups } from "../../groups/index.js";
import type { T } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";
import type { AttendancePanels } from "../ports.js";
import { listMarkProgress } from "../register/queries.js";
import { presentStatusSets } from "../statuses/present.js";
import { listStatusSets } from "../statuses/queries.js";
import { periodOf, presentLecturers, presentSessionForm, presentSessionsList } from "./present.js";
import { getSession, listSessions } from "./queries.js";
import type { SessionsQuery } from "./schemas.js";

/** The sessions list: the period asked for (or all, today first), each register's progress, the calendar's badges. */
export async function getSessionsPage(
  db: Db,
  actor: Actor,
  activityId: number,
  q: Pick<SessionsQuery, "view" | "at">,
  now: Date,
  t: T,
  panels: AttendancePanels,
) {
  authorize(actor, "attendance.manage");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const period = periodOf(q.view, q.at, now, course.timezone);
  const sessions = await listSessions(db, activity.id, period ?? undefined);
  const progress = await listMarkProgress(db, course.id, sessions);
  const calendar = await panels.sessionBadges(
    db,
    course.id,
    sessions.map((s) => s.id),
    t,
  );
  const view = { view: q.view, period, progress, zone: course.timezone, locale: actor.locale, now };
  return {
    activityId: activity.id,
    activityTitle: activity.title,
    calendar,
    ...presentSessionsList({ sessions, ...view }),
  };
}

/** What the new/edit session form offers: the status sets, the course's groups and its lecturers. */
export async function getSessionFormPage(db: Db, actor: Actor, activityId: number, t: T) {
  authorize(actor, "attendance.manage");
  const { activity } = await requireActivity(db, actor, activityId);
  const [sets, groups, members] = await Promise.all([
    listStatusSets(db, activity.id),
    listGroups(db, actor),
    listMembers(db, actor),
  ]);
  return { activityId: activity.id, sets: presentStatusSets(sets, t), groups, lecturers: presentLecturers(members) };
}

/** A session as its edit form starts: NotFound for another activity's or a missing one. */
export async function getSessionFormValues(db: Db, actor: Actor, activityId: number, sessionId: number, now: Date) {
  const { course } = await requireActivity(db, actor, activityId);
  const s = await getSession(db, activityId, sessionId);
  if (!s) throw NotFound();
  return presentSessionForm(s, course.timezone, actor.locale, now);
}
