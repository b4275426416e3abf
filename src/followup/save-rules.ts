import type { Db } from "../db/client.js";
import { followupRules, type FollowupConfig } from "../db/schema.js";
import { requireActivity } from "../activities/index.js";
import { Invalid } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { listRuleStatuses } from "./queries.js";
import type { SaveRulesInput } from "./schemas.js";

/** The form's fields as the saved configuration. */
export function configOf(i: SaveRulesInput): FollowupConfig {
  const to = (p: "below" | "consecutive" | "unexcused") => ({
    toStudent: i[`${p}ToStudent`],
    toLecturers: i[`${p}ToLecturers`],
    toMentors: i[`${p}ToMentors`],
  });
  return {
    below: { isOn: i.belowIsOn, percent: i.belowPercent, minSessions: i.belowMinSessions, ...to("below") },
    consecutive: { isOn: i.consecutiveIsOn, count: i.consecutiveCount, ...to("consecutive") },
    unexcused: { isOn: i.unexcusedIsOn, ...to("unexcused") },
    absenceStatusIds: i.absenceStatusIds,
    delayMinutes: i.delayMinutes,
    mentorEmails: i.mentorEmails,
  };
}

/**
 * Saves an activity's follow-up rules (the first save turns follow-up on: unexcused absences from before then
 * are never reminded of). The absence statuses must be the activity's own (the form refuses an empty choice).
 */
export async function saveRules(db: Db, actor: Actor, activityId: number, input: SaveRulesInput, now: Date) {
  authorize(actor, "followup.manage");
  const { activity } = await requireActivity(db, actor, activityId);
  const statuses = await listRuleStatuses(db, activity.id);
  const chosen = input.absenceStatusIds.filter((id) => statuses.some((s) => s.id === id));
  if (chosen.length !== input.absenceStatusIds.length) throw Invalid("followup.validation.absence_statuses");
  const config = configOf({ ...input, absenceStatusIds: chosen });
  await db
    .insert(followupRules)
    .values({ activityId: activity.id, config, createdAt: now, updatedBy: actor.userId, updatedAt: now })
    .onConflictDoUpdate({
      target: followupRules.activityId,
      set: { config, updatedBy: actor.userId, updatedAt: now },
    });
}
