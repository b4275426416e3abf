import type { Db } from "../db/client.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { formatDay, formatPercent } from "./present.js";
import { getRules, listContacts, listWarnings, loadDecisionInput } from "./queries.js";
import { atRiskStudents } from "./rules/at-risk.js";
import { decideFacts } from "./rules/decide-warnings.js";
import { DEFAULT_CONFIG } from "./rules-config.js";
import { requireStudentScope } from "./student-scope.js";

/**
 * A student's follow-up page for staff: their figures in the activity, the warnings sent (open or not), the
 * contact log ("contacted on ... by ...") and the contact form with its template in the reader's language.
 */
export async function getStudentPage(db: Db, actor: Actor, targetActivityId: number, userId: string, now: Date, t: T) {
  const { activity, student } = await requireStudentScope(db, actor, targetActivityId, userId);
  const saved = await getRules(db, activity.activityId);
  const rules = saved ?? {
    activityId: activity.activityId,
    config: DEFAULT_CONFIG,
    createdAt: now,
    updatedBy: "",
    updatedAt: now,
    evaluatedAt: null,
    nextCheckAt: null,
  };
  const input = await loadDecisionInput(db, activity.activityId, activity.courseId, rules, now, student.userId);
  const trueNow = new Set(decideFacts(input).map((f) => f.factKey));
  const [me] = atRiskStudents(input);
  const [warnings, contacts] = await Promise.all([
    listWarnings(db, [activity.activityId], student.userId),
    listContacts(db, [activity.activityId], student.userId),
  ]);
  const day = (d: Date | null) => formatDay(d, activity.timezone, actor.locale);
  return {
    activityId: actor.activityId,
    targetActivityId: activity.activityId,
    userId: student.userId,
    name: student.name || student.userId,
    course: `${activity.courseTitle} · ${activity.activityTitle}`,
    figure: t("followup.contact.figure", {
      percent: formatPercent(me?.percent ?? null, actor.locale),
      count: me?.inARow ?? 0,
    }),
    warnings: warnings.map((w) => ({
      title: t(`followup.me.rule_${w.rule}`, { count: w.inARow, percent: formatPercent(w.percent, actor.locale) }),
      when: day(w.createdAt),
      isOpen: trueNow.has(w.factKey),
    })),
    contacts: contacts.map((c) => ({
      line: t("followup.contact.contacted", { date: day(c.contactedAt), by: c.byName || c.byUserId }),
      channel: t(`followup.contact.channels.${c.channel}`),
      note: c.note,
      followUntil: c.followUntil && c.followUntil > now ? day(c.followUntil) : null,
    })),
    template: t("followup.contact.template", {
      name: student.givenName || student.name,
      course: activity.courseTitle,
      from: actor.name,
    }),
  };
}
