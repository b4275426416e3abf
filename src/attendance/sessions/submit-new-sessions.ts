import type { Db } from "../../db/client.js";
import { claimFormToken, releaseFormToken } from "../../http/form-tokens.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";
import type { AttendanceEvents } from "../ports.js";
import { createSessions } from "./create-sessions.js";
import type { NewSessionInput } from "./schemas.js";

/**
 * The new-session form, sent: creates its session or series and tells who listens, once per form (its one-time
 * token), so back + re-submit or a double click creates nothing twice. Null when this form was already saved.
 * A refused save frees the token, so the corrected form can be sent again.
 */
export async function submitNewSessions(
  db: Db,
  actor: Actor,
  activityId: number,
  input: NewSessionInput,
  now: Date,
  events: AttendanceEvents,
): Promise<number[] | null> {
  authorize(actor, "attendance.manage");
  if (!(await claimFormToken(db, input.formToken, `attendance.sessions:${activityId}`, now))) return null;
  try {
    const ids = await createSessions(db, actor, activityId, input.session, input.repeat, now);
    await events.sessionsChanged(db, actor, ids, now);
    return ids;
  } catch (err) {
    await releaseFormToken(db, input.formToken);
    throw err;
  }
}
