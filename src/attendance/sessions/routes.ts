import { Router, type Request, type Response } from "express";
import { listMembers } from "../../activities/index.js";
import type { AttendanceRouteDeps } from "../routes.js";
import { AppError, NotFound } from "../../errors.js";
import { listGroups } from "../../groups/index.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import type { T } from "../../i18n/i18n.js";
import { bulkChangeSchema, bulkChangeSessions } from "./bulk-change-sessions.js";
import { createSessions } from "./create-sessions.js";
import { duplicateSession } from "./duplicate-session.js";
import { bodyOf, fieldErrors, idParam } from "../../http/forms.js";
import { claimFormToken, newFormToken, releaseFormToken } from "../../http/form-tokens.js";
import { authorize } from "../policy.js";
import { periodOf, presentSession, SESSION_VIEWS, todayFirst, type SessionView } from "./present.js";
import { presentStatusSets } from "../statuses/present.js";
import { requireActivity } from "../../activities/index.js";
import { importSessions } from "../import/import-sessions.js";
import { getSession, listSessions } from "./queries.js";
import { listMarkProgress } from "../register/queries.js";
import { repeatSchema, sessionSchema } from "./schemas.js";
import { listStatusSets } from "../statuses/queries.js";
import { updateSession } from "./update-session.js";

/** The sessions list (day/week/month/all), the new/edit form (single or weekly repeat), duplicate and bulk changes. */
export function sessionRoutes({ db, now, events, panels }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/attendance/sessions";

  /** The list; after a refused bulk change, with its messages and the chosen sessions and values kept. */
  const renderList = async (
    req: Request,
    res: Response,
    bulk: { values: Record<string, unknown>; errors: Record<string, string> } = { values: {}, errors: {} },
    status = 200,
  ) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.manage");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const view: SessionView = SESSION_VIEWS.find((v) => v === req.query.view) ?? "all";
    const period = periodOf(view, typeof req.query.at === "string" ? req.query.at : undefined, now(), course.timezone);
    const rows = await listSessions(db, activity.id, period ?? undefined);
    const ordered = period ? rows : todayFirst(rows, now(), course.timezone);
    const chosen = [bulk.values.sessionIds ?? []].flat().map(String);
    const progress = await listMarkProgress(db, course.id, rows);
    const calendar = await panels.sessionBadges(
      db,
      course.id,
      rows.map((s) => s.id),
      res.locals.t as T,
    );
    res.status(status).render("attendance/sessions", {
      activityId: activity.id,
      activityTitle: activity.title,
      view,
      period: period && {
        prev: period.prev,
        next: period.next,
        label: period.start.setLocale(actor.locale).toFormat(view === "month" ? "LLLL yyyy" : "d. LLL yyyy"),
      },
      sessions: ordered.map((s) => presentSession(s, course.timezone, actor.locale, now(), progress.get(s.id))),
      done: req.query.done,
      count: req.query.count,
      bulk: {
        chosen,
        startTime: String(bulk.values.startTime ?? ""),
        durationMinutes: String(bulk.values.durationMinutes ?? ""),
      },
      calendar,
      fieldErrors: bulk.errors,
    });
  };
  r.get(base, withActor, (req, res) => renderList(req, res));

  const renderForm = async (
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors: Record<string, string>,
    status = 200,
  ) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.manage");
    const { activity } = await requireActivity(db, actor, idParam(req.params.activityId));
    const [sets, groups, members] = await Promise.all([
      listStatusSets(db, activity.id),
      listGroups(db, actor),
      listMembers(db, actor),
    ]);
    const lecturers = members.filter((m) => !m.isLearner).map((m) => ({ userId: m.userId, name: m.name || m.userId }));
    res.status(status).render("attendance/session-form", {
      activityId: activity.id,
      sessionId: req.params.sessionId ?? null,
      sets: presentStatusSets(sets, res.locals.t as T),
      groups,
      lecturers,
      values,
      formToken: newFormToken(), // a new one each time: a refused post's token may already be claimed
      fieldErrors: errors,
    });
  };

  r.get(`${base}/import`, withActor, async (req, res) => {
    authorize(actorOf(res), "attendance.manage");
    const { activity } = await requireActivity(db, actorOf(res), idParam(req.params.activityId));
    res.render("attendance/import", { activityId: activity.id, csv: "", problems: [] });
  });

  r.post(`${base}/import`, withActor, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const csv = String(body.csv ?? "");
    const source = Buffer.isBuffer(body.file) && body.file.length > 0 ? { bytes: body.file } : { text: csv };
    const result = await importSessions(db, actorOf(res), idParam(req.params.activityId), source, now(), events);
    if (result.problems.length > 0)
      return res
        .status(400)
        .render("attendance/import", { activityId: idParam(req.params.activityId), csv, problems: result.problems });
    res.redirect(
      303,
      `/activities/${req.params.activityId}/attendance/sessions?done=imported&count=${result.imported}`,
    );
  });

  r.get(`${base}/new`, withActor, (req, res) => renderForm(req, res, { everyWeeks: "1", weekdays: [] }, {}));
  r.get(`${base}/:sessionId/edit`, withActor, async (req, res) => {
    const actor = actorOf(res);
    const { course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const s = await getSession(db, idParam(req.params.activityId), idParam(req.params.sessionId));
    if (!s) throw NotFound();
    const v = presentSession(s, course.timezone, actor.locale, now());
    await renderForm(req, res, { ...v, groupIds: v.groupIds.map(String), setId: String(v.setId) }, {});
  });

  const save = (edit: boolean) => async (req: Request, res: Response) => {
    authorize(actorOf(res), "attendance.manage");
    const body = req.body as Record<string, unknown>;
    const values = {
      ...bodyOf(req),
      groupIds: [body.groupIds ?? []].flat().map(String),
      weekdays: [body.weekdays ?? []].flat().map(String),
    };
    const parsed = sessionSchema.safeParse(body);
    const repeat = !edit && body.repeat ? repeatSchema.safeParse(body) : null;
    if (!parsed.success || (repeat && !repeat.success)) {
      const errors = {
        ...(repeat && !repeat.success ? fieldErrors(repeat.error, res.locals.t as T) : {}),
        ...(parsed.success ? {} : fieldErrors(parsed.error, res.locals.t as T)),
      };
      return renderForm(req, res, values, errors, 400);
    }
    const activityId = idParam(req.params.activityId);
    // back + re-submit of the new-session form (or a double click) must not create the sessions twice
    if (!edit && !(await claimFormToken(db, body.formToken, `attendance.sessions:${activityId}`, now())))
      return res.redirect(303, `/activities/${activityId}/attendance/sessions?done=already_saved`);
    try {
      if (edit)
        await updateSession(db, actorOf(res), activityId, idParam(req.params.sessionId), parsed.data, now(), events);
      else
        await events.sessionsChanged(
          db,
          actorOf(res),
          await createSessions(db, actorOf(res), activityId, parsed.data, repeat?.data ?? null, now()),
          now(),
        );
    } catch (err) {
      if (!edit) await releaseFormToken(db, body.formToken);
      if (err instanceof AppError && err.code === "invalid" && err.details.field)
        return renderForm(req, res, values, { [String(err.details.field)]: (res.locals.t as T)(err.messageKey) }, 400);
      throw err;
    }
    res.redirect(303, `/activities/${req.params.activityId}/attendance/sessions?done=saved`);
  };
  r.post(base, withActor, save(false));
  r.post(`${base}/:sessionId/edit`, withActor, save(true));

  r.post(`${base}/:sessionId/duplicate`, withActor, async (req, res) => {
    const id = await duplicateSession(db, actorOf(res), idParam(req.params.activityId), idParam(req.params.sessionId));
    await events.sessionsChanged(db, actorOf(res), [id], now());
    res.redirect(303, `/activities/${req.params.activityId}/attendance/sessions/${id}/edit`);
  });

  r.post(`${base}/bulk`, withActor, async (req, res) => {
    authorize(actorOf(res), "attendance.manage");
    const parsed = bulkChangeSchema.safeParse(req.body);
    if (!parsed.success)
      return renderList(
        req,
        res,
        { values: req.body as Record<string, unknown>, errors: fieldErrors(parsed.error, res.locals.t as T) },
        400,
      );
    await bulkChangeSessions(db, actorOf(res), idParam(req.params.activityId), parsed.data, now(), events);
    res.redirect(303, `/activities/${req.params.activityId}/attendance/sessions?done=${parsed.data.action}`);
  });
  return r;
}
