import { idParam } from "../../http/forms.js";
import { Router, type Request, type Response } from "express";
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client.js";
import { courses } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { requireActivityActor } from "../../http/require-actor.js";
import type { T } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import { getPlanningSettings, listCoordinators, listZoomHosts } from "../queries.js";
import { addCoordinator, removeCoordinator } from "./save-coordinators.js";
import { savePlanningSettings } from "./save-planning-settings.js";
import { saveZoomHost } from "./save-zoom-host.js";
import { coordinatorSchema, planningSettingsSchema, zoomHostSchema } from "./schemas.js";

/** A form that failed: which one, what was typed, and a message per field. */
interface FailedForm {
  form: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

const issuesToErrors = (issues: readonly { path: PropertyKey[]; message: string }[], t: T) =>
  Object.fromEntries([...issues].reverse().map((i) => [String(i.path[0] ?? "form"), t(i.message)]));

/** Coordinators' management of the study days: slots and courses, the Zoom host pool, the coordinator list. */
export function planningAdminRoutes(db: Db, now: () => Date, coordinator: (res: Response) => Promise<Actor>): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const PATH = "/activities/:activityId/study-days/settings";
  const here = (req: Request) => `/activities/${Number(req.params.activityId)}/study-days/settings`;

  const render = async (req: Request, res: Response, failed?: FailedForm) => {
    const actor = await coordinator(res);
    const [settings, hosts, people, known] = await Promise.all([
      getPlanningSettings(db, actor.platformId),
      listZoomHosts(db, actor.platformId),
      listCoordinators(db, actor.platformId),
      db
        .select({ contextId: courses.contextId, title: courses.title, label: courses.label })
        .from(courses)
        .where(eq(courses.platformId, actor.platformId))
        .orderBy(asc(courses.title)),
    ]);
    const settingsValues = {
      slots: settings.slots.map((s) => `${s.no} ${s.start}–${s.end}`).join("\n"),
      timezone: settings.timezone,
      staffContextId: settings.staffContextId ?? "",
      infoCourseRef: settings.infoCourseRef ?? "",
    };
    res.status(failed ? 400 : 200).render("planning/settings", {
      here: here(req),
      base: here(req).replace(/\/settings$/, ""),
      settingsValues,
      hosts,
      people,
      courses: known,
      failed: failed ?? null,
      notice: req.query.saved,
    });
  };

  /** Parses a form with its schema, runs the command, and redirects; a bad form is shown again with its messages. */
  const handle =
    <D>(form: string, schema: z.ZodType<D>, run: (actor: Actor, data: D) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const actor = await coordinator(res);
      const body = req.body as Record<string, string>;
      const t = res.locals.t as T;
      const parsed = schema.safeParse(body);
      if (!parsed.success)
        return render(req, res, { form, values: body, errors: issuesToErrors(parsed.error.issues, t) });
      try {
        await run(actor, parsed.data);
      } catch (err) {
        if (err instanceof AppError && (err.code === "conflict" || err.code === "invalid"))
          return render(req, res, { form, values: body, errors: { form: t(err.messageKey) } });
        throw err;
      }
      res.redirect(303, `${here(req)}?saved=${form}`);
    };

  r.get(PATH, withActor, (req, res) => render(req, res));
  r.post(
    PATH,
    withActor,
    handle("settings", planningSettingsSchema, (actor, data) => savePlanningSettings(db, actor, data, now())),
  );
  r.post(
    `${PATH}/hosts`,
    withActor,
    handle("host-new", zoomHostSchema, (actor, data) => saveZoomHost(db, actor, data)),
  );
  r.post(`${PATH}/hosts/:hostId`, withActor, (req, res) =>
    handle(`host-${Number(req.params.hostId)}`, zoomHostSchema, (actor, data) =>
      saveZoomHost(db, actor, data, idParam(req.params.hostId)),
    )(req, res),
  );
  r.post(
    `${PATH}/coordinators`,
    withActor,
    handle("coordinator", coordinatorSchema, (actor, data) => addCoordinator(db, actor, data, now())),
  );
  r.post(`${PATH}/coordinators/:userId/remove`, withActor, async (req, res) => {
    const actor = await coordinator(res);
    await removeCoordinator(db, actor, String(req.params.userId));
    res.redirect(303, `${here(req)}?saved=coordinator`);
  });
  return r;
}
