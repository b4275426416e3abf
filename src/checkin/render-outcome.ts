import type { Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import { validate, type Input } from "../http/validate.js";
import type { Db } from "../db/client.js";
import type { T } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import type { CheckInResult } from "./check-in.js";
import { RATE_WAIT_MINUTES } from "./checkin-guards.js";
import { presentConfirmation } from "./present.js";
import { listCheckinStatuses } from "./queries.js";
import { refusalOf, type RefusalReason } from "./refusal.js";

/** Renders the confirmation page (or JSON) for an accepted or repeated check-in. */
export async function renderConfirmation(db: Db, res: Response, result: CheckInResult, locale: Locale): Promise<void> {
  const statuses = result.statuses ?? (await listCheckinStatuses(db, result.context.session.setId));
  const view = presentConfirmation(
    result.context,
    result.outcome,
    statuses.find((s) => s.id === result.statusId),
    result.markedAt,
    locale,
    res.locals.t as T,
  );
  if (res.req.accepts(["html", "json"]) === "json") return void res.json(view);
  res.render("checkin/result", {
    title: (res.locals.t as T)(`checkin.result.${result.outcome}`),
    confirmation: view,
    refusal: null,
    retryUrl: null,
  });
}

/** Renders a refusal as a friendly page with its specific message (and a way to try again when that helps). */
export function renderRefusal(
  req: Request,
  res: Response,
  reason: RefusalReason,
  status: number,
  retryUrl: string | null = null,
): void {
  const t = res.locals.t as T;
  const message = t(`checkin.refused.${reason}`, { minutes: RATE_WAIT_MINUTES });
  res.status(status);
  if (req.accepts(["html", "json"]) === "json") return void res.json({ error: { code: reason, message } });
  res.render("checkin/result", {
    title: t("checkin.result.refused"),
    confirmation: null,
    refusal: { reason, message },
    retryUrl,
  });
}

/**
 * A check-in route: its input read by `validate`, then the handler; a refusal becomes the refusal page (or JSON),
 * with a way to try again where `retry` names one; everything else goes to the error handler.
 */
export function checkinRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  schemas: { params?: P; query?: Q; body?: B },
  fn: (input: Input<P, Q, B>, req: Request, res: Response) => Promise<unknown>,
  retry?: (req: Request) => string | null,
): RequestHandler {
  return validate(schemas, async (input, req, res) => {
    try {
      await fn(input, req, res);
    } catch (err) {
      const reason = refusalOf(err);
      if (!reason) throw err;
      renderRefusal(req, res, reason, (err as { status: number }).status, retry?.(req) ?? null);
    }
  });
}
