import type { AttendanceRouteDeps } from "../routes.js";
import { Router } from "express";
import { DateTime } from "luxon";
import { listGroups } from "../../groups/index.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import type { T } from "../../i18n/i18n.js";
import { buildReport } from "./build-report.js";
import { buildSummary } from "./build-summary.js";
import { idParam } from "../../http/forms.js";
import { authorize } from "../policy.js";
import { presentReport } from "./present.js";
import { presentSummary } from "./present-summary.js";
import { statusLabel } from "../statuses/present.js";
import { listOwnMarks, loadReportInput } from "./queries.js";
import { rangeOf, reportQuerySchema } from "./schemas.js";
import { requireActivity } from "../../activities/index.js";
import { getPercentBasis, listStatusSets } from "../statuses/queries.js";

/** The lecturer's report and the student's own attendance page. */
export function reportRoutes({ db, now, panels }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);

  r.get("/activities/:activityId/attendance/report", withActor, async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.report");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const q = reportQuerySchema.parse(req.query);
    const basis = await getPercentBasis(db, activity.id);
    const input = await loadReportInput(db, course.id, activity.id, basis, now(), {
      range: rangeOf(q, course.timezone),
    });
    const rows = buildReport(input, {
      groupId: q.group,
      belowPercent: q.below,
      sort: q.sort,
      descending: q.dir === "desc",
    });
    const groups = await listGroups(db, actor);
    res.render("attendance/report", {
      activityId: activity.id,
      activityTitle: activity.title,
      basis,
      q,
      groups,
      ...presentReport(input, rows, course.timezone, actor.locale),
    });
  });

  r.get("/activities/:activityId/attendance/summary", withActor, async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.report");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const basis = await getPercentBasis(db, activity.id);
    const input = await loadReportInput(db, course.id, activity.id, basis, now());
    const summary = buildSummary(input, buildReport(input));
    res.render("attendance/summary", {
      activityId: activity.id,
      basis,
      ...presentSummary(input, summary, course.timezone, actor.locale),
    });
  });

  r.get("/activities/:activityId/me", withActor, async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.view_own");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const basis = await getPercentBasis(db, activity.id);
    const input = await loadReportInput(db, course.id, activity.id, basis, now(), { userId: actor.userId });
    const [row] = buildReport(input);
    const [own, sets] = await Promise.all([
      listOwnMarks(db, activity.id, actor.userId),
      listStatusSets(db, activity.id),
    ]);
    const t = res.locals.t as T;
    const labels = new Map(
      sets.flatMap((s) => s.statuses).map((s) => [s.id, { acronym: s.acronym, label: statusLabel(s, t) }]),
    );
    const sessions = (row?.cells ?? [])
      .map((c, i) => ({ c, s: input.sessions[i]! }))
      .filter(({ c }) => c.expected)
      .map(({ c, s }) => {
        const at = DateTime.fromJSDate(s.startsAt, { zone: course.timezone }).setLocale(actor.locale);
        const mark = own.get(s.id);
        return {
          date: at.toFormat("dd.MM.yyyy"),
          time: at.toFormat("HH:mm"),
          isFuture: s.startsAt > now(),
          status: c.statusId ? labels.get(c.statusId) : null,
          remark: mark?.remark ?? "",
          isSelf: mark?.by === "self",
        };
      });
    const { openCheckins, upcoming } = await panels.studentHome(db, actor, activity, course, now());
    res.render("activities/student-home", {
      openCheckins,
      activityId: activity.id,
      activityTitle: activity.title,
      courseTitle: course.title,
      studentName: actor.name,
      sessions,
      totals: row?.totals ?? null,
      percent: row?.percent ?? null,
      basis,
      upcoming,
    });
  });
  return r;
}
