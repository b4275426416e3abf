import type { StillValid } from "../notify/index.js";
import { getActivityCourse, getRules, loadDecisionInput } from "./queries.js";
import { decideFacts } from "./rules/decide-warnings.js";

/**
 * The outbox asks this just before it sends a follow-up message: the fact is decided again from the marks as
 * they are now (for that one student), and a message whose fact is gone (a mark corrected, the student left,
 * follow-up turned off) is skipped, not sent. The delay is not asked for again: the fact had it when queued.
 */
export const followupStillValid: StillValid = async (db, message, now) => {
  const { activityId, userId, factKey } = message.data;
  if (typeof activityId !== "number" || typeof userId !== "string" || typeof factKey !== "string") return false;
  const [rules, found] = await Promise.all([getRules(db, activityId), getActivityCourse(db, activityId)]);
  if (!rules || !found || found.course.platformId !== message.platformId) return false;
  const input = await loadDecisionInput(db, activityId, found.course.id, rules, now, userId);
  return decideFacts(input).some((f) => f.factKey === factKey);
};
