import type { AttendanceRouteDeps } from "../routes.js";
import { Router, type Request, type Response } from "express";
import { asc, eq } from "drizzle-orm";
import { attendanceStatuses } from "../../db/schema.js";
import { Invalid, NotFound } from "../../errors.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import type { T } from "../../i18n/i18n.js";
import { closeSession } from "../sessions/close-session.js";
import { idParam } from "../../http/forms.js";
import { markAllUnmarked } from "./mark-all-unmarked.js";
import { listExpectedStudents, listMarkHistory, listSessionMarks, memberNames } from "./queries.js";
import { wishesFromForm } from "./plan-mark-changes.js";
import { authorize } from "../policy.js";
import { presentHistory } from "./present-history.js";
import { presentRegister } from "./present.js";
import { presentSession } from "../sessions/present.js";
import { recordMarks, type RefusedRow } from "./record-marks.js";
import { requireActivity } from "../../activities/index.js";
import { getSession } from "../sessions/queries.js";

/** The register's save (whole form or one row): it judges control characters in a remark itself, row by row. */
export const REGISTER_MARKS = /^\/activities\/[^/]+\/attendance\/sessions\/[^/]+\/marks$/;

/** A session's register: the page, saving marks (whole form, or one row from register.js), and "set all unmarked to". */
export function registerRoutes({ db, now, panels }: AttendanceRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const base = "/activities/:activityId/attendance/sessions/:sessionId";
  /** The rows a save refused, from the redirect's query: user id -> reason. */
  const refusedOf = (q: unknown): Record<string, string> =>
    Object.fromEntries(
      String(typeof q === "string" ? q : "")
        .split(",")
        .map((p) => /^(.+)\.(too_long|bad_characters|conflict)$/.exec(p))
        .filter((m) => m !== null)
        .map((m) => [decodeURIComponent(m[1]!), m[2]!]),
    );
  const back = (req: Request, n: number) =>
    `/activities/${req.params.activityId}/attendance/sessions/${req.params.sessionId}?saved=${n}`;

  r.get(base, withActor, async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.take");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const session = await getSession(db, activity.id, idParam(req.params.sessionId));
    if (!session) throw NotFound();
    const [statuses, students, marks] = await Promise.all([
      db
        .select()
        .from(attendanceStatuses)
        .where(eq(attendanceStatuses.setId, session.setId))
        .orderBy(asc(attendanceStatuses.position), asc(attendanceStatuses.id)),
      listExpectedStudents(db, course.id, session),
      listSessionMarks(db, session.id),
    ]);
    const [names, selfCheckins] = await Promise.all([
      memberNames(
        db,
        course.id,
        [...marks.values()].map((m) => m.markedBy),
      ),
      panels.selfCheckins(db, session.id, course.timezone),
    ]);
    const view = presentRegister(
      { session, statuses, students, marks, names, zone: course.timezone, locale: actor.locale, now: now() },
      res.locals.t as T,
    );
    res.render("attendance/register", {
      selfCheckins,
      activityId: activity.id,
      activityTitle: activity.title,
      ...view,
      saved: req.query.saved,
      refused: refusedOf(req.query.refused),
    });
  });

  r.get(`${base}/students/:userId/history`, withActor, async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, "attendance.take");
    const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
    const session = await getSession(db, activity.id, idParam(req.params.sessionId));
    const userId = String(req.params.userId);
    const student = session && (await memberNames(db, course.id, [userId])).get(userId);
    if (!session || !student) throw NotFound();
    const [statuses, marks, history] = await Promise.all([
      db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, session.setId)),
      listSessionMarks(db, session.id),
      listMarkHistory(db, session.id, userId),
    ]);
    const names = await memberNames(
      db,
      course.id,
      history.map((h) => h.changedBy),
    );
    const view = presentHistory(
      { history, mark: marks.get(userId), statuses, names, zone: course.timezone },
      res.locals.t as T,
    );
    res.render("attendance/mark-history", {
      activityId: activity.id,
      userId,
      session: presentSession(session, course.timezone, actor.locale, now()),
      student,
      ...view,
    });
  });

  const done = (req: Request, res: Response, changed: number, refused: RefusedRow[] = []) => {
    if (req.accepts(["html", "json"]) === "json") return res.json(refused.length ? { changed, refused } : { changed });
    const list = refused.map((r) => `${encodeURIComponent(r.userId)}.${r.reason}`).join(",");
    res.redirect(303, back(req, changed) + (list ? `&refused=${list}` : ""));
  };

  r.post(`${base}/marks`, withActor, async (req, res) => {
    const result = await recordMarks(
      db,
      actorOf(res),
      idParam(req.params.activityId),
      idParam(req.params.sessionId),
      wishesFromForm(req.body as Record<string, unknown>),
      now(),
      { refuseStale: true },
    );
    done(req, res, result.changed, result.refused);
  });

  r.post(`${base}/unmarked`, withActor, async (req, res) => {
    const statusId = idParam((req.body as Record<string, unknown>).statusId);
    if (statusId < 0) throw Invalid("attendance.register.choose_status");
    const result = await markAllUnmarked(
      db,
      actorOf(res),
      idParam(req.params.activityId),
      idParam(req.params.sessionId),
      statusId,
      now(),
    );
    done(req, res, result.changed);
  });
  r.post(`${base}/close`, withActor, async (req, res) => {
    const result = await closeSession(
      db,
      actorOf(res),
      idParam(req.params.activityId),
      idParam(req.params.sessionId),
      now(),
    );
    done(req, res, result.changed);
  });
  return r;
}
