import { requireActivity } from "../activities/index.js";
import type { Db } from "../db/client.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { getAtRisk } from "./get-at-risk.js";
import { moodleSignalsFor, type SignalsSource } from "./moodle-signals.js";
import { DUE_DAYS, presentSignalCells, presentSignalsNote } from "./present-signals.js";
import { can } from "./policy.js";
import { presentAtRisk, presentRulesForm } from "./present.js";
import { getRules, listRuleStatuses } from "./queries.js";
import { DEFAULT_CONFIG } from "./rules-config.js";
import type { AtRiskQuery } from "./schemas.js";

/**
 * The Follow-up page of an activity: the rules form (for those who may set them; the defaults until saved) and
 * the at-risk list in the actor's scope, with Moodle's signals (last course access, assignments not submitted) when
 * `signals` is given and the platform has a Moodle web-service connection.
 */
export async function getFollowupPage(
  db: Db,
  actor: Actor,
  activityId: number,
  query: AtRiskQuery,
  now: Date,
  t: T,
  signals?: SignalsSource,
) {
  const { activity } = await requireActivity(db, actor, activityId);
  const atRisk = await getAtRisk(db, actor, activity.id, query, now);
  const fromMoodle =
    signals && query.format === "html"
      ? await moodleSignalsFor(db, actor.platformId, atRisk.lines, signals, now)
      : null;
  const moodleOn = fromMoodle !== null && fromMoodle.state !== "off";
  const canManage = can(actor, "followup.manage");
  const [rules, statuses] = canManage
    ? await Promise.all([getRules(db, activity.id), listRuleStatuses(db, activity.id)])
    : [null, []];
  return {
    activityId: activity.id,
    activityTitle: activity.title,
    canManage,
    isOn: rules !== null,
    form: canManage ? presentRulesForm(rules?.config ?? DEFAULT_CONFIG, statuses, t) : null,
    lines: presentAtRisk(atRisk.lines, t, actor.locale).map((view, i) => ({
      ...view,
      moodle: moodleOn ? presentSignalCells(fromMoodle, atRisk.lines[i]!, t, actor.locale, now) : null,
    })),
    moodle: moodleOn
      ? { note: presentSignalsNote(fromMoodle, t), dueDays: DUE_DAYS, showsDue: fromMoodle.missing.length === 0 }
      : null,
    raw: atRisk.lines,
    isPlatformWide: atRisk.isPlatformWide,
    canViewPlatform: atRisk.canViewPlatform,
    query,
  };
}
