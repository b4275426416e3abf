import type { NextFunction, Request, Response } from "express";
import type { Actor, Locale } from "../lti/actor.js";
import { negotiateLocale, translator } from "../i18n/i18n.js";

/** Sets res.locals.locale and res.locals.t: the actor's launch locale when known, else ?lang or Accept-Language. */
export function setLocale(res: Response, locale: Locale): void {
  res.locals.locale = locale;
  res.locals.t = translator(locale);
}

export function localeMiddleware(req: Request, res: Response, next: NextFunction): void {
  setLocale(res, negotiateLocale(req.get("accept-language"), req.query.lang));
  next();
}

export function setActor(res: Response, actor: Actor): void {
  res.locals.actor = actor;
  setLocale(res, actor.locale);
}
