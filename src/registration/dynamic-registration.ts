import type { Request, Response } from "express";
import type { Logger } from "pino";
import { AppError } from "../errors.js";
import { renderError } from "../http/error-handler.js";
import { negotiateLocale, translator } from "../i18n/i18n.js";
import type { Lti } from "../lti/provider.js";

/** Moodle's registration errors are bare strings (token_already_used, domain_targetlinkuri_mismatch, ...). */
function platformReason(err: unknown): string {
  const e = err as { response?: { statusCode?: number; body?: unknown }; message?: string };
  const body = typeof e.response?.body === "string" ? e.response.body : "";
  if (body && body.length < 200 && !body.includes("<")) return body.trim();
  if (e.response?.statusCode) return `HTTP ${e.response.statusCode}`;
  return e.message ?? "unknown";
}

/**
 * LTI Advantage Dynamic Registration: Moodle's admin pastes our registration URL; Moodle sends the browser here
 * with openid_configuration and registration_token; we register and tell Moodle's page to close.
 */
export async function handleDynamicRegistration(lti: Lti, logger: Logger, req: Request, res: Response): Promise<void> {
  const locale = negotiateLocale(req.get("accept-language"), req.query.lang);
  const t = translator(locale);
  const openid = typeof req.query.openid_configuration === "string" ? req.query.openid_configuration : "";
  const token = typeof req.query.registration_token === "string" ? req.query.registration_token : undefined;
  res.locals.locale = locale;
  if (!/^https?:\/\//.test(openid)) {
    return renderError(req, res, new AppError("invalid", "registration.errors.missing_configuration"), logger);
  }
  try {
    await lti.registerDynamically(openid, token, {});
    const platforms = await lti.listPlatforms();
    const issuerOrigin = new URL(openid).origin;
    const registered = platforms.filter((p) => new URL(p.issuer).origin === issuerOrigin);
    const active = registered.some((p) => p.active);
    logger.info({ openid, active }, "platform registered dynamically");
    res.render("registration/done", { t, locale, active, title: t("registration.done_title") });
  } catch (err) {
    const message = (err as Error).message;
    const reason = message === "PLATFORM_ALREADY_REGISTERED" ? "already_registered" : platformReason(err);
    logger.warn({ openid, reason, err: message }, "dynamic registration failed");
    res.status(message === "PLATFORM_ALREADY_REGISTERED" ? 409 : 502);
    res.render("registration/failed", { t, locale, reason, title: t("registration.failed_title") });
  }
}
