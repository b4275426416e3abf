import { idParam } from "../http/forms.js";
import { isCalendarDate } from "../http/validate.js";
import { Router, type Request, type Response } from "express";
import type { Db } from "../db/client.js";
import { AppError, Conflict, NotFound } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import { formatDay } from "../i18n/format.js";
import type { Actor } from "../lti/actor.js";
import type { T } from "../i18n/i18n.js";
import { syncDayMeetings } from "./zoom/sync-day-meetings.js";
import type { ZoomClient } from "./zoom/zoom-client.js";
import { planningAdminRoutes } from "./admin/admin-routes.js";
import type { MoodleClientTuning } from "../bridge/index.js";
import { cancelRoutes, isRestorable } from "./cancel-routes.js";
import { getAnnouncementAttempt, listDayPublications } from "./publish/publication-queries.js";
import { publishRoutes } from "./publish/publish-routes.js";
import { getDayPlanPdf } from "./pdf/get-day-plan-pdf.js";
import { dayPlanFileName } from "./pdf/render-day-plan-pdf.js";
import { editClass, editClassSchema } from "./edit-class.js";
import { courseCheck } from "./import/course-check.js";
import { importSchedule } from "./import/import-schedule.js";
import { scheduleTemplateCsv } from "./import/schedule-columns.js";
import { scheduleTemplateXlsx } from "./import/schedule-template-xlsx.js";
import { authorize } from "./policy.js";
import {
  presentAnnouncementProblem,
  presentDay,
  presentHistory,
  presentClass,
  presentPublications,
} from "./present.js";
import { getClass, getPlanningSettings, listClassChanges, listDayClasses, listZoomHosts } from "./queries.js";
import { isListedCoordinator } from "../staff/index.js";
import { listDatesWithSummaries } from "./timeline/get-timeline-page.js";
import { lecturerRoutes } from "./timeline/lecturer-routes.js";
import { timelineRoutes } from "./timeline/timeline-routes.js";
import { liveRoutes } from "./live/live-routes.js";
import { briefingRoutes } from "./timeline/briefing-routes.js";

export interface PlanningRouteDeps {
  db: Db;
  now: () => Date;
  /** Null when Zoom is not configured: the plan then offers manual links only. */
  zoom: ZoomClient | null;
  /** Opens the platform's stored Moodle token (publishing). */
  encryptionKey: string;
  /** Moodle client options (tests shorten timeouts). */
  moodleTuning?: MoodleClientTuning;
  /** Where lecturers' signed links point (the app's public address). */
  publicUrl?: string;
}

const BASE = "/activities/:activityId/study-days";

/** The study-day area: schedule import, the plan of each day, editing and cancelling classes; coordinators only. */
export function planningRoutes(deps: PlanningRouteDeps): Router {
  const { db, now } = deps;
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const coordinator = async (res: Response) => {
    const actor = actorOf(res);
    authorize(actor, "planning.coordinate", {
      isListedCoordinator: await isListedCoordinator(db, actor.platformId, actor.userId),
    });
    return actor;
  };
  const base = (req: Request) => `/activities/${Number(req.params.activityId)}/study-days`;
  /** The dates with classes, each with its label as people write it ("sestdiena, 17.10.2026"). */
  const planDates = async (actor: Actor, t: T) =>
    (await listDatesWithSummaries(db, actor.platformId, t)).map((d) => ({
      ...d,
      label: formatDay(actor.locale, d.classDate),
    }));

  const renderIndex = async (req: Request, res: Response, extra: Record<string, unknown> = {}) => {
    const actor = await coordinator(res);
    res.render("planning/index", {
      base: base(req),
      dates: await planDates(actor, res.locals.t as T),
      imported: req.query.imported,
      unchecked: req.query.unchecked === "1",
      problems: [],
      ...extra,
    });
  };

  r.get(BASE, withActor, (req, res) => renderIndex(req, res));
  r.use(planningAdminRoutes(db, now, coordinator));
  r.use(publishRoutes(deps, coordinator));
  r.use(timelineRoutes({ ...deps, publicUrl: deps.publicUrl ?? "" }, coordinator));
  r.use(lecturerRoutes(db, now, deps.encryptionKey));
  r.use(liveRoutes(db, now, coordinator));
  r.use(briefingRoutes(db, now, coordinator));

  r.get(`${BASE}/template.csv`, withActor, async (_req, res) => {
    const actor = await coordinator(res);
    res
      .type("text/csv; charset=utf-8")
      .attachment(`rollbook-schedule-${actor.locale}.csv`)
      .send(scheduleTemplateCsv(actor.locale));
  });

  r.get(`${BASE}/template.xlsx`, withActor, async (_req, res) => {
    const actor = await coordinator(res);
    res
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .attachment(`rollbook-schedule-${actor.locale}.xlsx`)
      .send(await scheduleTemplateXlsx(actor.locale));
  });

  r.post(`${BASE}/import`, withActor, async (req, res) => {
    const actor = await coordinator(res);
    const file = (req.body as Record<string, unknown>).file;
    if (!Buffer.isBuffer(file) || file.length === 0)
      return void res.status(400).render("planning/index", {
        base: base(req),
        dates: await planDates(actor, res.locals.t as T),
        problems: [],
        noFile: true,
      });
    const courses = await courseCheck(deps, actor.platformId, (err) =>
      req.log.warn({ err }, "schedule import: Moodle did not answer; courses not checked"),
    );
    const result = await importSchedule(db, actor, file, now(), courses.check);
    if (!result.ok)
      return void res.status(400).render("planning/index", {
        base: base(req),
        dates: await planDates(actor, res.locals.t as T),
        problems: result.problems,
      });
    res.redirect(
      303,
      `${base(req)}?imported=${result.created},${result.updated},${result.unchanged}${courses.wasSkipped() ? "&unchecked=1" : ""}`,
    );
  });

  r.get(`${BASE}/days/:date`, withActor, async (req, res) => {
    const actor = await coordinator(res);
    if (!isCalendarDate(String(req.params.date))) throw NotFound("planning.errors.bad_date");
    const settings = await getPlanningSettings(db, actor.platformId);
    const date = String(req.params.date);
    const [rows, hosts, publications, announcement] = await Promise.all([
      listDayClasses(db, actor.platformId, date),
      listZoomHosts(db, actor.platformId),
      listDayPublications(db, actor.platformId, date),
      getAnnouncementAttempt(db, actor.platformId, date),
    ]);
    const day = presentDay(String(req.params.date), rows, hosts, settings.timezone);
    res.render("planning/day", {
      base: base(req),
      ...day,
      isRestorable: isRestorable(date, now(), settings.timezone),
      cancelledId: Number(req.query.class) || null,
      dateLabel: formatDay(actor.locale, date, "long"),
      publications: presentPublications(publications),
      notice: req.query.notice,
      zoomResult: req.query.zoom,
      published: req.query.published,
      announcementProblem: presentAnnouncementProblem(announcement, settings.timezone),
      hasZoom: Boolean(deps.zoom),
    });
  });

  r.get(`${BASE}/days/:date/plan.pdf`, withActor, async (req, res) => {
    const actor = await coordinator(res);
    const date = String(req.params.date);
    if (!isCalendarDate(date)) throw NotFound("planning.errors.bad_date");
    const pdf = await getDayPlanPdf(db, actor.platformId, date, actor.locale, now());
    res.type("application/pdf").attachment(dayPlanFileName(date, actor.locale)).send(pdf);
  });

  r.post(`${BASE}/days/:date/zoom`, withActor, async (req, res) => {
    const actor = await coordinator(res);
    if (!isCalendarDate(String(req.params.date))) throw NotFound("planning.errors.bad_date");
    if (!deps.zoom) throw Conflict("planning.zoom.not_configured");
    const result = await syncDayMeetings(db, actor, String(req.params.date), deps.zoom, now());
    res.redirect(
      303,
      `${base(req)}/days/${req.params.date}?zoom=${result.ok},${result.failed.length},${result.unplaced.length}`,
    );
  });

  const renderEdit = async (
    req: Request,
    res: Response,
    form?: { values: Record<string, string>; errors: Record<string, string> },
  ) => {
    const actor = await coordinator(res);
    const row = await getClass(db, actor.platformId, idParam(req.params.classId));
    if (!row) throw NotFound();
    const settings = await getPlanningSettings(db, actor.platformId);
    const view = presentClass(
      row,
      new Map((await listZoomHosts(db, actor.platformId)).map((h) => [h.id, h])),
      settings.timezone,
    );
    const values = form?.values ?? {
      start: view.start,
      end: view.end,
      lecturerName: view.lecturerName,
      lecturerEmail: view.lecturerEmail,
      groups: view.groups,
      manualUrl: row.manualUrl ?? "",
    };
    res.status(form ? 400 : 200).render("planning/edit", {
      base: base(req),
      cls: view,
      classDate: row.classDate,
      dateLabel: formatDay(actor.locale, row.classDate, "long"),
      values,
      errors: form?.errors ?? {},
      history: presentHistory(await listClassChanges(db, row.id), settings.timezone),
    });
  };

  r.get(`${BASE}/classes/:classId`, withActor, (req, res) => renderEdit(req, res));

  r.post(`${BASE}/classes/:classId`, withActor, async (req, res) => {
    const actor = await coordinator(res);
    const body = req.body as Record<string, string>;
    const t = res.locals.t as T;
    const parsed = editClassSchema.safeParse(body);
    const values = {
      start: body.start ?? "",
      end: body.end ?? "",
      lecturerName: body.lecturerName ?? "",
      lecturerEmail: body.lecturerEmail ?? "",
      groups: body.groups ?? "",
      manualUrl: body.manualUrl ?? "",
    };
    if (!parsed.success)
      return renderEdit(req, res, {
        values,
        errors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), t(i.message)])),
      });
    try {
      await editClass(db, actor, idParam(req.params.classId), parsed.data, now());
    } catch (err) {
      if (err instanceof AppError && err.code === "invalid")
        return renderEdit(req, res, { values, errors: { [String(err.details.field ?? "start")]: t(err.messageKey) } });
      throw err;
    }
    const row = await getClass(db, actor.platformId, idParam(req.params.classId));
    res.redirect(303, `${base(req)}/days/${row?.classDate}?notice=saved`);
  });

  r.use(`${BASE}/classes/:classId`, withActor);
  r.use(cancelRoutes({ db, now, coordinator, base }));

  return r;
}
