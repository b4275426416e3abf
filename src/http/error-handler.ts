import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { AppError, Unavailable } from "../errors.js";
import { translator, negotiateLocale } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import { isDatabaseOutage, RETRY_AFTER_SECONDS } from "../db/outage.js";

function localeOf(req: Request, res: Response): Locale {
  return (res.locals.locale as Locale | undefined) ?? negotiateLocale(req.get("accept-language"), req.query?.lang);
}

/** Renders the error page in the user's language (or JSON when asked). Unknown errors: a generic 500 with a request id. */
export function renderError(req: Request, res: Response, err: AppError | null, logger: Logger): void {
  const requestId = String((req as { id?: unknown }).id ?? "");
  const locale = localeOf(req, res);
  const t = translator(locale);
  const status = err?.status ?? 500;
  const code = err?.code ?? "internal";
  const message = t(err?.messageKey ?? "errors.internal");
  const hintKey = err ? `${err.messageKey}_hint` : "errors.internal_hint";
  const hint = t(hintKey, { defaultValue: "" });
  if (res.headersSent) return;
  res.status(status);
  if (status === 503) res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  if (req.accepts(["html", "json"]) === "json") {
    res.json({ error: { code, message, ...(hint ? { hint } : {}), requestId } });
    return;
  }
  res.render(
    "errors/error",
    { t, locale, status, code, message, hint, requestId, title: t("errors.title") },
    (renderErr, html) => {
      if (renderErr) {
        logger.error({ err: renderErr, requestId }, "error page failed to render");
        res.type("text/plain").send(`${status} ${message} (${requestId})`);
        return;
      }
      res.send(html);
    },
  );
}

/**
 * An unreachable database as the "try again" error: the page's own wording when it set `res.locals.outageMessage`
 * (the check-in page asks the student to scan again), else the general one. Null for any other error.
 */
export function outageError(err: unknown, res: Response): AppError | null {
  if (!isDatabaseOutage(err)) return null;
  return Unavailable((res.locals.outageMessage as string | undefined) ?? "errors.unavailable");
}

/** The last middleware: AppErrors are expected (logged as warnings), everything else is a bug (logged with its stack). */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = (req as { id?: unknown }).id;
    const outage = outageError(err, res);
    if (outage) {
      logger.warn({ requestId, err, path: req.path }, "database unavailable");
      return renderError(req, res, outage, logger);
    }
    if (err instanceof AppError) {
      logger.warn(
        { requestId, code: err.code, key: err.messageKey, details: err.details, path: req.path },
        "request refused",
      );
      return renderError(req, res, err, logger);
    }
    const e = err as { type?: string; status?: number };
    // body-parser's refusals (bad JSON, too large, too many fields, bad charset) carry a type and a 4xx status.
    if (typeof e?.type === "string" && typeof e.status === "number" && e.status >= 400 && e.status < 500) {
      logger.warn({ requestId, type: e.type }, "bad request body");
      return renderError(req, res, new AppError("invalid", "errors.bad_body"), logger);
    }
    logger.error({ requestId, err, path: req.path }, "unhandled error");
    return renderError(req, res, null, logger);
  };
}

/** 404 for any route nobody answered. */
export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new AppError("not_found", "errors.page_not_found"));
}
