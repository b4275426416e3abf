import { requireActivity } from "../activities/index.js";
import { getSession, memberNames } from "../attendance/index.js";
import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { presentAttempts } from "./present.js";
import { getCheckinOptions, getCheckinSettings, listAttempts, listCheckinStatuses } from "./queries.js";

/** The session a lecturer manages: their activity's, with its check-in settings (null before the first save). */
export async function getManagedSession(db: Db, actor: Actor, activityId: number, sessionId: number) {
  authorize(actor, "checkin.manage");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const session = await getSession(db, activity.id, sessionId);
  if (!session) throw NotFound();
  return { activity, course, session, settings: await getCheckinSettings(db, session.id) };
}

/** The session's check-in settings page: the form (as saved, or as typed when refused) and the attempt log. */
export async function getSettingsPage(
  db: Db,
  actor: Actor,
  ids: { activityId: number; sessionId: number },
  typed: Record<string, unknown> | null,
  t: T,
) {
  const { activity, course, session, settings } = await getManagedSession(db, actor, ids.activityId, ids.sessionId);
  const statuses = (await listCheckinStatuses(db, session.setId)).filter((s) => !s.isHidden);
  const attempts = await listAttempts(db, session.id, 200);
  const names = await memberNames(
    db,
    course.id,
    attempts.flatMap((a) => (a.userId ? [a.userId] : [])),
  );
  const values = typed ?? {
    isEnabled: settings?.isEnabled ? "on" : undefined,
    opensMinutesBefore: String(settings?.opensMinutesBefore ?? 10),
    closes: settings?.closesMinutesAfterStart == null ? "end" : "after_start",
    closesMinutesAfterStart: String(settings?.closesMinutesAfterStart ?? 30),
    statusMode: settings?.fixedStatusId ? "fixed" : "rules",
    fixedStatusId: String(settings?.fixedStatusId ?? ""),
    method: settings?.method ?? "rotating_qr",
    stepSeconds: String(settings?.stepSeconds ?? 10),
    password: settings?.password ?? "",
  };
  return {
    activityId: activity.id,
    session,
    statuses,
    values,
    hasSettings: Boolean(settings),
    isClosedEarly: Boolean(settings?.closedEarlyAt),
    attempts: presentAttempts(attempts, names, course.timezone, t),
  };
}

/** The activity's check-in options page (allowed networks, one device per session). */
export async function getOptionsPage(db: Db, actor: Actor, activityId: number, typed: Record<string, unknown> | null) {
  authorize(actor, "checkin.manage");
  const { activity } = await requireActivity(db, actor, activityId);
  const current = await getCheckinOptions(db, activity.id);
  return {
    activityId: activity.id,
    values: typed ?? {
      allowedIpRanges: current.allowedIpRanges,
      isOneDevicePerSession: current.isOneDevicePerSession ? "on" : undefined,
    },
  };
}
