import { requireActivity } from "../../activities/index.js";
import type { Db } from "../../db/client.js";
import { listGroups } from "../../groups/index.js";
import { formatNumber, formatPercent } from "../../i18n/format.js";
import type { T } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import { authorize } from "../policy.js";
import type { AttendancePanels } from "../ports.js";
import { getPercentBasis, listStatusSets } from "../statuses/queries.js";
import { buildReport } from "./build-report.js";
import { buildSummary } from "./build-summary.js";
import { presentReport } from "./present.js";
import { presentStudentSessions } from "./present-student.js";
import { presentSummary } from "./present-summary.js";
import { listOwnMarks, loadReportInput } from "./queries.js";
import { rangeOf, type ReportQuery } from "./schemas.js";

/** The lecturer's report page, filtered and sorted as the query asks. */
export async function getReportPage(db: Db, actor: Actor, activityId: number, q: ReportQuery, now: Date) {
  authorize(actor, "attendance.report");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const basis = await getPercentBasis(db, activity.id);
  const input = await loadReportInput(db, course.id, activity.id, basis, now, { range: rangeOf(q, course.timezone) });
  const filter = { groupId: q.group, belowPercent: q.below, sort: q.sort, descending: q.dir === "desc" };
  const rows = buildReport(input, filter);
  const groups = await listGroups(db, actor);
  const report = presentReport(input, rows, course.timezone, actor.locale);
  return { activityId: activity.id, activityTitle: activity.title, basis, q, groups, ...report };
}

/** The summary page: per held session and per student with the recent trend. */
export async function getSummaryPage(db: Db, actor: Actor, activityId: number, now: Date) {
  authorize(actor, "attendance.report");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const basis = await getPercentBasis(db, activity.id);
  const input = await loadReportInput(db, course.id, activity.id, basis, now);
  const summary = buildSummary(input, buildReport(input));
  return { activityId: activity.id, basis, ...presentSummary(input, summary, course.timezone, actor.locale) };
}

/** The student's own page: their sessions and marks, totals, open check-ins and coming classes. */
export async function getStudentHome(
  db: Db,
  actor: Actor,
  activityId: number,
  now: Date,
  t: T,
  panels: AttendancePanels,
) {
  authorize(actor, "attendance.view_own");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const basis = await getPercentBasis(db, activity.id);
  const input = await loadReportInput(db, course.id, activity.id, basis, now, { userId: actor.userId });
  const [row] = buildReport(input);
  const [own, sets] = await Promise.all([listOwnMarks(db, activity.id, actor.userId), listStatusSets(db, activity.id)]);
  const view = { zone: course.timezone, locale: actor.locale, now, t };
  const { openCheckins, upcoming } = await panels.studentHome(db, actor, activity, course, now);
  return {
    ...{ activityId: activity.id, activityTitle: activity.title, courseTitle: course.title, studentName: actor.name },
    ...{ sessions: presentStudentSessions(input, row, own, sets, view), basis, openCheckins, upcoming },
    ...{ totals: row?.totals ?? null, percent: formatPercent(actor.locale, row?.percent ?? null) },
    points: row ? formatNumber(actor.locale, row.totals.points) : "",
  };
}
