import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { attendanceStatuses, checkinOptions, checkinSettings } from "../db/schema.js";
import { Invalid, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { requireActivity } from "../activities/index.js";
import { getSession } from "../attendance/index.js";
import { generatePassword } from "./codes.js";
import { authorize } from "./policy.js";
import { getCheckinSettings } from "./queries.js";
import { newCheckinSecret } from "./rotating-code.js";
import type { CheckinOptionsInput, SessionCheckinInput } from "./settings-schema.js";

/**
 * Saves a session's check-in settings. An empty password is generated; the rotating secret is made once and
 * kept, so projectors already open keep showing valid codes.
 */
export async function saveCheckinSettings(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  input: SessionCheckinInput,
  now: Date,
): Promise<void> {
  authorize(actor, "checkin.manage");
  await requireActivity(db, actor, activityId);
  const session = await getSession(db, activityId, sessionId);
  if (!session) throw NotFound();
  if (input.fixedStatusId !== null) {
    const [s] = await db
      .select({ id: attendanceStatuses.id })
      .from(attendanceStatuses)
      .where(and(eq(attendanceStatuses.id, input.fixedStatusId), eq(attendanceStatuses.setId, session.setId)));
    if (!s) throw Invalid("checkin.validation.choose_status", { field: "fixedStatusId" });
  }
  const current = await getCheckinSettings(db, sessionId);
  const values = { ...input, password: input.password || current?.password || generatePassword(), updatedAt: now };
  await db
    .insert(checkinSettings)
    .values({ sessionId, secret: current?.secret ?? newCheckinSecret(), ...values })
    .onConflictDoUpdate({ target: checkinSettings.sessionId, set: values });
}

/** Closes check-in now (a lecturer's "close early") or reopens it. */
export async function setCheckinClosed(
  db: Db,
  actor: Actor,
  activityId: number,
  sessionId: number,
  closed: boolean,
  now: Date,
): Promise<void> {
  authorize(actor, "checkin.manage");
  await requireActivity(db, actor, activityId);
  if (!(await getSession(db, activityId, sessionId))) throw NotFound();
  const updated = await db
    .update(checkinSettings)
    .set({ closedEarlyAt: closed ? now : null, updatedAt: now })
    .where(eq(checkinSettings.sessionId, sessionId))
    .returning({ id: checkinSettings.sessionId });
  if (updated.length === 0) throw NotFound();
}

/** Saves the activity's check-in options (allowed IP ranges, one device per session). */
export async function saveCheckinOptions(
  db: Db,
  actor: Actor,
  activityId: number,
  input: CheckinOptionsInput,
  now: Date,
): Promise<void> {
  authorize(actor, "checkin.manage");
  await requireActivity(db, actor, activityId);
  const values = { ...input, updatedAt: now };
  await db
    .insert(checkinOptions)
    .values({ activityId, ...values })
    .onConflictDoUpdate({ target: checkinOptions.activityId, set: values });
}
