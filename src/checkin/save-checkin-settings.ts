import type { Db } from "../db/client.js";
import { Invalid, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { requireActivity } from "../activities/index.js";
import { getSession } from "../attendance/index.js";
import { generatePassword } from "./codes.js";
import { authorize } from "./policy.js";
import { getCheckinSettings } from "./queries.js";
import { newCheckinSecret } from "./rotating-code.js";
import { isStatusOfSet, updateClosedEarly, upsertCheckinOptions, upsertCheckinSettings } from "./settings-queries.js";
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
  if (input.fixedStatusId !== null && !(await isStatusOfSet(db, input.fixedStatusId, session.setId)))
    throw Invalid("checkin.validation.choose_status", { field: "fixedStatusId" });
  const current = await getCheckinSettings(db, sessionId);
  const values = { ...input, password: input.password || current?.password || generatePassword(), updatedAt: now };
  await upsertCheckinSettings(db, { sessionId, secret: current?.secret ?? newCheckinSecret(), ...values }, values);
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
  if (!(await updateClosedEarly(db, sessionId, closed ? now : null, now))) throw NotFound();
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
  await upsertCheckinOptions(db, { activityId, ...input, updatedAt: now });
}
