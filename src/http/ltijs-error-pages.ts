import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { Unavailable } from "../errors.js";
import { renderError } from "./error-handler.js";
import { isDatabaseOutage } from "../db/outage.js";

/**
 * ltijs answers its own failures (login, key set) with `500 {details: {message}}`: the error's message, which for
 * a failed query is the SQL and its values. This puts our error page (or JSON) in its place: 503 "try again"
 * when the database is unreachable, else the generic 500; the message goes to the log, redacted.
 */
export function ltijsErrorPages(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = ((body: unknown) => {
      const details =
        res.statusCode >= 500 && body && typeof body === "object" ? (body as { details?: unknown }).details : null;
      if (!details) return send(body);
      res.send = send; // the error page is sent through the original
      const message = String((details as { message?: unknown }).message ?? "");
      const outage = isDatabaseOutage({ message });
      const requestId = (req as { id?: unknown }).id;
      if (outage) logger.warn({ requestId, err: new Error(message) }, "database unavailable");
      else logger.error({ requestId, err: new Error(message) }, "ltijs failed");
      renderError(req, res, outage ? Unavailable() : null, logger);
      return res;
    }) as Response["send"];
    next();
  };
}
