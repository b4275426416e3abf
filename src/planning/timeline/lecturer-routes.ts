import { Router, type Request, type Response } from "express";
import type { Db } from "../../db/client.js";
import { validate } from "../../http/validate.js";
import type { Locale } from "../../lti/actor.js";
import { z } from "zod";
import { getLecturerPage } from "./get-lecturer-page.js";
import { readLecturerLink } from "./lecturer-link.js";
import { saveLecturerReply } from "./save-lecturer-reply.js";
import { lecturerCountsSchema, lecturerReplySchema } from "./schemas.js";
import { saveLecturerCounts } from "./save-lecturer-counts.js";

const params = z.object({ token: z.string().max(1_000) });

/**
 * The signed link in a lecturer's reminder, without a Moodle login: their classes of the day and two answers,
 * "I confirm" and "I need help" (with a note). An edited link is 404 and an expired one 410, each with a clear page.
 */
export function lecturerRoutes(db: Db, now: () => Date, linkKey: string): Router {
  const r = Router();
  const path = "/studyday/l/:token";
  const render = async (req: Request, res: Response, extra: Record<string, unknown> = {}) => {
    const link = readLecturerLink(linkKey, String(req.params.token), now());
    if (!link.ok)
      return void res
        .status(link.reason === "expired" ? 410 : 404)
        .render("planning/timeline-lecturer", { problem: link.reason });
    const page = await getLecturerPage(db, link.payload, res.locals.locale as Locale);
    res.render("planning/timeline-lecturer", {
      problem: null,
      ...page,
      token: String(req.params.token),
      saved: req.query.saved,
      errors: {},
      values: {},
      countErrors: {},
      countValues: {},
      ...extra,
    });
  };
  r.get(
    path,
    validate({ params }, (_i, req, res) => render(req, res)),
  );
  r.post(
    path,
    validate(
      {
        params,
        body: lecturerReplySchema,
        invalid: (req, res, f) => render(req, res, { errors: f.fieldErrors, values: f.values }),
      },
      async ({ body }, req, res) => {
        const link = readLecturerLink(linkKey, String(req.params.token), now());
        if (!link.ok) return render(req, res);
        await saveLecturerReply(db, link.payload, body, now());
        res.redirect(303, `/studyday/l/${String(req.params.token)}?saved=${body.answer}`);
      },
    ),
  );
  r.post(
    `${path}/counts`,
    validate(
      {
        params,
        body: lecturerCountsSchema,
        invalid: (req, res, f) => render(req, res, { countErrors: f.fieldErrors, countValues: f.values }),
      },
      async ({ body }, req, res) => {
        const link = readLecturerLink(linkKey, String(req.params.token), now());
        if (!link.ok) return render(req, res);
        await saveLecturerCounts(db, link.payload, body, now());
        res.redirect(303, `/studyday/l/${String(req.params.token)}?saved=counts`);
      },
    ),
  );
  return r;
}
