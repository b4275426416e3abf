import type { Db } from "../db/client.js";
import type { Actor } from "../lti/actor.js";
import { isListedCoordinator } from "../staff/index.js";
import { authorize, can } from "./policy.js";
import {
  getRules,
  listContacts,
  listScopeActivities,
  listWarnings,
  loadDecisionInput,
  type RulesRow,
} from "./queries.js";
import { DEFAULT_CONFIG } from "./rules-config.js";
import { atRiskStudents, type AtRiskStudent } from "./rules/at-risk.js";
import { decideFacts } from "./rules/decide-warnings.js";
import type { AtRiskQuery } from "./schemas.js";

/** One line of the at-risk list: a student of one activity, their figures and warnings. */
export interface AtRiskLine extends AtRiskStudent {
  activityId: number;
  courseId: number;
  email: string | null;
  activityTitle: string;
  courseTitle: string;
  timezone: string;
  name: string;
  sortKey: string;
  /** Warnings about facts still true now. */
  openWarnings: number;
  lastWarnedAt: Date | null;
  /** The latest contact of the log: when and by whom; whether the student is being followed now. */
  lastContact: { at: Date; by: string } | null;
  isFollowed: boolean;
}

const LATVIAN = new Intl.Collator("lv");

/** Rules as the list reads them: the saved ones, or the defaults for an activity without follow-up. */
const rulesOr = (row: RulesRow | null, activityId: number, now: Date): RulesRow =>
  row ?? {
    activityId,
    config: DEFAULT_CONFIG,
    createdAt: now,
    updatedBy: "",
    updatedAt: now,
    evaluatedAt: null,
    nextCheckAt: null,
  };

async function linesOf(db: Db, a: Awaited<ReturnType<typeof listScopeActivities>>[number], now: Date) {
  const rules = rulesOr(await getRules(db, a.activityId), a.activityId, now);
  const input = await loadDecisionInput(db, a.activityId, a.courseId, rules, now);
  const trueNow = new Set(decideFacts(input).map((f) => f.factKey));
  const [warnings, contacts] = await Promise.all([listWarnings(db, [a.activityId]), listContacts(db, [a.activityId])]);
  const members = new Map(input.members.map((m) => [m.userId, m]));
  return atRiskStudents(input).map((s): AtRiskLine => {
    const mine = warnings.filter((w) => w.userId === s.userId);
    const m = members.get(s.userId);
    const theirs = contacts.filter((c) => c.userId === s.userId);
    return {
      ...s,
      activityId: a.activityId,
      courseId: a.courseId,
      email: m?.email ?? null,
      activityTitle: a.activityTitle,
      courseTitle: a.courseTitle,
      timezone: a.timezone,
      name: m?.name || s.userId,
      sortKey: `${m?.familyName ?? ""} ${m?.givenName ?? ""} ${m?.name ?? ""} ${s.userId}`,
      openWarnings: mine.filter((w) => trueNow.has(w.factKey)).length,
      lastWarnedAt: mine[0]?.createdAt ?? null,
      lastContact: theirs[0] ? { at: theirs[0].contactedAt, by: theirs[0].byName || theirs[0].byUserId } : null,
      isFollowed: theirs.some((c) => c.followUntil !== null && c.followUntil > now),
    };
  });
}

const keep = (show: AtRiskQuery["show"], l: AtRiskLine) =>
  show === "all" ||
  (show === "risk" && (l.isBelow || l.isInARow)) ||
  (show === "below" && l.isBelow) ||
  (show === "in_a_row" && l.isInARow) ||
  (show === "warned" && l.openWarnings > 0);

const num = (v: number | null, empty: number) => (v === null ? empty : v);

function compare(sort: AtRiskQuery["sort"]): (a: AtRiskLine, b: AtRiskLine) => number {
  const byName = (a: AtRiskLine, b: AtRiskLine) => LATVIAN.compare(a.sortKey, b.sortKey);
  const by: Record<AtRiskQuery["sort"], (a: AtRiskLine, b: AtRiskLine) => number> = {
    name: byName,
    percent: (a, b) => num(a.percent, 101) - num(b.percent, 101),
    in_a_row: (a, b) => a.inARow - b.inARow,
    last_attended: (a, b) => num(a.lastAttendedAt?.getTime() ?? null, 0) - num(b.lastAttendedAt?.getTime() ?? null, 0),
    course: (a, b) => LATVIAN.compare(a.courseTitle, b.courseTitle),
    warnings: (a, b) => a.openWarnings - b.openWarnings,
  };
  return (a, b) => by[sort](a, b) || byName(a, b);
}

/**
 * The at-risk list for the actor: the launched activity's students (lecturers, admins, coordinators), or every
 * activity of the platform (coordinators and admins only; a lecturer asking is Forbidden). Filtered, searched
 * by name and sorted as asked; figures from the same counting as the warnings.
 */
export async function getAtRisk(
  db: Db,
  actor: Actor,
  activityId: number,
  query: AtRiskQuery,
  now: Date,
): Promise<{ lines: AtRiskLine[]; isPlatformWide: boolean; canViewPlatform: boolean }> {
  const ctx = { isListedCoordinator: await isListedCoordinator(db, actor.platformId, actor.userId) };
  authorize(actor, "followup.view", ctx);
  const isPlatformWide = query.scope === "platform";
  if (isPlatformWide) authorize(actor, "followup.view_platform", ctx);
  const scope = await listScopeActivities(
    db,
    actor.platformId,
    isPlatformWide ? null : (actor.activityId ?? activityId),
  );
  const lines: AtRiskLine[] = [];
  for (const a of scope) lines.push(...(await linesOf(db, a, now)));
  const needle = query.q.toLocaleLowerCase("lv");
  const shown = lines
    .filter((l) => keep(query.show, l))
    .filter((l) => !needle || l.name.toLocaleLowerCase("lv").includes(needle))
    .sort(compare(query.sort));
  if (query.dir === "desc") shown.reverse();
  return { lines: shown, isPlatformWide, canViewPlatform: can(actor, "followup.view_platform", ctx) };
}
