import { requireActivity } from "../activities/index.js";
import type { Db } from "../db/client.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { formatDay, formatPercent } from "./present.js";
import { getRules, listWarnings, loadDecisionInput } from "./queries.js";
import { atRiskStudents } from "./rules/at-risk.js";
import { decideFacts } from "./rules/decide-warnings.js";

/**
 * A student's own warnings in an activity, newest first, each with what it means and whether it still holds,
 * and their figures now; only their own rows (the actor's user id), in their language.
 */
export async function getOwnWarnings(db: Db, actor: Actor, activityId: number, now: Date, t: T) {
  authorize(actor, "followup.own");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const rules = await getRules(db, activity.id);
  const warnings = await listWarnings(db, [activity.id], actor.userId);
  const input = rules ? await loadDecisionInput(db, activity.id, course.id, rules, now, actor.userId) : null;
  const trueNow = new Set(input ? decideFacts(input).map((f) => f.factKey) : []);
  const starts = new Map((input?.sessions ?? []).map((s) => [s.id, s.startsAt]));
  const [me] = input ? atRiskStudents(input) : [];
  const zone = course.timezone;
  return {
    activityId: activity.id,
    activityTitle: activity.title,
    percent: formatPercent(me?.percent ?? null, actor.locale),
    inARow: me?.inARow ?? 0,
    warnings: warnings.map((w) => ({
      rule: w.rule,
      title: t(`followup.me.rule_${w.rule}`, { count: w.inARow, percent: formatPercent(w.percent, actor.locale) }),
      meaning: t(`followup.me.meaning_${w.rule}`),
      when: formatDay(w.createdAt, zone, actor.locale),
      sessions: w.sessionIds.map((id) => formatDay(starts.get(id) ?? null, zone, actor.locale)),
      isOpen: trueNow.has(w.factKey),
    })),
  };
}
