import type { Request, Response } from "express";
import type { Logger } from "pino";
import type { Db } from "../db/client.js";
import { AppError, LaunchInvalid } from "../errors.js";
import { createAppSession } from "../http/app-sessions.js";
import type { CookiePolicy } from "../http/cookie-policy.js";
import { outageError, renderError } from "../http/error-handler.js";
import { isDatabaseOutage } from "../db/outage.js";
import type { LaunchFailure, Lti, LtiHandlers } from "../lti/provider.js";
import { isRosterStale } from "../roster/index.js";
import { syncRoster } from "../roster/index.js";
import { isStudyDayLaunch } from "../planning/index.js";
import { refreshGroupsOnLaunch } from "../bridge/index.js";
import { hasPendingCheckin } from "../checkin/index.js";
import { landingPath } from "./landing.js";
import { recordLaunch } from "./record-launch.js";
import { renewBrowserId } from "./renew-browser-id.js";

export interface LaunchDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  cookies: CookiePolicy;
  sessionTtlHours: number;
  rosterMaxAgeMinutes: number;
  /** Moodle groups older than this are synced again behind the page (needs a Moodle connection). */
  groupsMaxAgeMinutes: number;
  encryptionKey: string;
  defaultTimezone: string;
  lti: () => Lti;
}

/** Each refusal's HTTP status: 4xx always, never a 500 for a bad launch. */
export const FAILURE_STATUS: Readonly<Record<LaunchFailure, number>> = {
  missing: 401,
  expired: 401,
  signature: 401,
  audience: 401,
  issuer: 401,
  unregistered: 400,
  inactive: 403,
  replayed: 401,
  deployment: 400,
  cookie: 401,
  session: 401,
  invalid: 401,
};

/** The claims of an id_token, read without verifying (only to word a refusal better). */
function unverifiedClaims(idToken: unknown): { iss?: string; aud?: unknown } | null {
  if (typeof idToken !== "string") return null;
  try {
    return JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as { iss?: string };
  } catch {
    return null;
  }
}

/** ltijs says "unregistered" when the issuer is known but the audience is another client id: that is a wrong audience. */
async function refineFailure(failure: LaunchFailure, req: Request, lti: Lti): Promise<LaunchFailure> {
  if (failure !== "unregistered") return failure;
  const claims = unverifiedClaims((req.body as Record<string, unknown> | undefined)?.id_token);
  if (!claims?.iss) return failure;
  const known = (await lti.listPlatforms()).some((p) => p.issuer === claims.iss);
  return known ? "audience" : failure;
}

/** Our answers to ltijs: a verified launch becomes a session and a redirect; a refused one a clear page. */
export function launchHandlers(deps: LaunchDeps): LtiHandlers {
  const browserIds = { cookies: deps.cookies, secret: deps.encryptionKey };
  const fail = (req: Request, res: Response, err: unknown) => {
    if (err instanceof AppError) return renderError(req, res, err, deps.logger);
    const outage = outageError(err, res);
    if (outage) return renderError(req, res, outage, deps.logger);
    deps.logger.error({ err, requestId: (req as { id?: unknown }).id }, "launch failed");
    return renderError(req, res, null, deps.logger);
  };

  return {
    async onLaunch(token, req, res) {
      try {
        const now = deps.now();
        const { actor, course } = await recordLaunch(deps.db, token, now, deps.defaultTimezone);
        const browserId = await renewBrowserId(deps.db, req, res, browserIds, actor);
        await createAppSession(deps.db, { browserId, kind: "resource", actor }, now, deps.sessionTtlHours);
        let roster: Promise<unknown> = Promise.resolve();
        if (isRosterStale(course.rosterSyncedAt, deps.rosterMaxAgeMinutes, now) && course.membershipsUrl) {
          const sync = syncRoster(deps.db, deps.lti(), { issuer: token.iss, clientId: token.clientId }, course, now);
          // The first launch of a course waits for its roster; later refreshes happen behind the page.
          roster = sync.catch((err: unknown) => deps.logger.warn({ err, courseId: course.id }, "roster sync failed"));
          if (!course.rosterSyncedAt) await roster;
        }
        // Moodle's groups follow behind the page, after the roster (their members must be on it).
        void roster.then(() =>
          refreshGroupsOnLaunch(
            deps,
            { id: course.id, contextId: course.contextId, platformId: actor.platformId },
            now,
          ),
        );
        res.redirect(
          303,
          landingPath(actor, {
            isStudyDayLaunch: await isStudyDayLaunch(deps.db, actor),
            hasPendingCheckin: await hasPendingCheckin(deps.db, browserId, actor.activityId, now),
          }),
        );
      } catch (err) {
        fail(req, res, err);
      }
    },
    async onDeepLinking(token, req, res) {
      try {
        const now = deps.now();
        const { actor } = await recordLaunch(deps.db, token, now, deps.defaultTimezone);
        const browserId = await renewBrowserId(deps.db, req, res, browserIds, actor);
        const id = await createAppSession(
          deps.db,
          { browserId, kind: "deeplink", actor, launchToken: token },
          now,
          deps.sessionTtlHours,
        );
        res.redirect(303, `/deep-link/${id}`);
      } catch (err) {
        fail(req, res, err);
      }
    },
    async onFailure(rawFailure, detail, req, res) {
      // ltijs reports a database it could not reach (storing the nonce, reading the platform) as a bad token.
      if (isDatabaseOutage({ message: detail })) return fail(req, res, new Error(detail));
      let failure: LaunchFailure;
      try {
        failure = await refineFailure(rawFailure, req, deps.lti());
      } catch (err) {
        return fail(req, res, err); // a rejection here would leave the request unanswered
      }
      const requestId = (req as { id?: unknown }).id;
      // Moodle GETs a new activity's URL with no LTI parameters to see if it is a cartridge: answer harmlessly.
      if (failure === "missing" && req.method === "GET") {
        return renderError(req, res, new AppError("invalid", "launch.open_from_moodle", {}, 200), deps.logger);
      }
      deps.logger.warn(
        { requestId, failure, detail, path: req.originalUrl.replace(/ltik=[^&]+/, "ltik=[redacted]") },
        "launch refused",
      );
      return renderError(
        req,
        res,
        LaunchInvalid(`launch.errors.${failure}`, { detail }, FAILURE_STATUS[failure]),
        deps.logger,
      );
    },
  };
}
