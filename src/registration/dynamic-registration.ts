import { Router, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { AppError } from "../errors.js";
import { renderError } from "../http/error-handler.js";
import { negotiateLocale, translator } from "../i18n/i18n.js";
import type { Lti } from "../lti/provider.js";
import { LTI_ROUTES } from "../lti/provider.js";
import { RegistrationFailure } from "./platform-configuration.js";
import { registerDynamically, type ToolIdentity } from "./register-dynamically.js";
import { claimRegistrationLink, releaseRegistrationLink, spendRegistrationLink } from "./registration-links.js";
import { admitRegistration, fetchableUrl, type RegistrationPolicy } from "./rules/registration-rules.js";

export interface RegistrationDeps {
  db: Db;
  lti: () => Lti;
  logger: Logger;
  now: () => Date;
  policy: RegistrationPolicy;
  tool: ToolIdentity;
}

const query = (req: Request, name: string) => (typeof req.query[name] === "string" ? req.query[name] : "");

/**
 * LTI Advantage Dynamic Registration at /lti/register: Moodle's admin pastes the registration link the operator
 * made (`rollbook registration:link`), Moodle sends the browser here with openid_configuration and
 * registration_token. Nothing is fetched before the attempt is admitted (link, allow-list, or pending), and no
 * text from the fetched server reaches the page.
 */
export function registrationRoutes(deps: RegistrationDeps): Router {
  const r = Router();
  r.get(`/lti${LTI_ROUTES.register}`, (req, res) => handleRegistration(deps, req, res));
  return r;
}

async function handleRegistration(deps: RegistrationDeps, req: Request, res: Response): Promise<void> {
  const { logger, policy } = deps;
  const locale = negotiateLocale(req.get("accept-language"), req.query.lang);
  const t = translator(locale);
  res.locals.locale = locale;
  const raw = query(req, "openid_configuration");
  if (!raw) return renderError(req, res, new AppError("invalid", "registration.errors.missing_configuration"), logger);
  const openidUrl = fetchableUrl(raw, policy.production);
  if (!openidUrl)
    return renderError(req, res, new AppError("invalid", "registration.errors.bad_configuration_url"), logger);

  const now = deps.now();
  const key = query(req, "key");
  const linkId = key ? await claimRegistrationLink(deps.db, key, now) : null;
  const admission = admitRegistration(policy, {
    link: key ? (linkId ? "valid" : "invalid") : "none",
    url: openidUrl,
  });
  if (admission.kind === "refused") {
    logger.warn({ host: openidUrl.host, reason: admission.reason }, "dynamic registration refused");
    return renderError(req, res, new AppError("forbidden", `registration.errors.${admission.reason}`), logger);
  }
  try {
    const platform = await registerDynamically(deps.lti(), deps.tool, {
      openidUrl,
      registrationToken: query(req, "registration_token") || undefined,
      active: admission.kind === "active",
      production: policy.production,
    });
    if (linkId) await spendRegistrationLink(deps.db, linkId, platform.id);
    logger.info({ issuer: platform.issuer, platformId: platform.id, admission }, "platform registered dynamically");
    res.render("registration/done", { t, locale, active: platform.active, title: t("registration.done_title") });
  } catch (err) {
    if (linkId) await releaseRegistrationLink(deps.db, linkId);
    const failure = err instanceof RegistrationFailure ? err : new RegistrationFailure("failed", String(err));
    logger.warn(
      { host: openidUrl.host, reason: failure.reason, detail: failure.detail },
      "dynamic registration failed",
    );
    res.status(failure.reason === "already_registered" ? 409 : 502);
    res.render("registration/failed", { t, locale, reason: failure.reason, title: t("registration.failed_title") });
  }
}
