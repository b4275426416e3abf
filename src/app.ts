import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import cookieParser from "cookie-parser";
import express, { type Express } from "express";
import type { Logger } from "pino";
import type { Database } from "./db/client.js";
import type { Env } from "./env.js";
import { activityRoutes, deepLinkRoutes } from "./activities/index.js";
import { attendanceRoutes } from "./attendance/index.js";
import { bridgeRoutes } from "./bridge/index.js";
import { attemptLogCutoff, checkinRoutes, purgeAttemptLogs, purgeExpiredPendingCheckins } from "./checkin/index.js";
import { DEMO_COORDINATOR, DEMO_STAFF_COURSE, demoRoutes, ensureDemoPlatform, loadDemoKeys } from "./demo/index.js";
import { addCoordinator } from "./staff/index.js";
import { groupRoutes } from "./groups/index.js";
import { purgeExpiredSessions } from "./http/app-sessions.js";
import { purgeFormTokens } from "./http/form-tokens.js";
import { browserIdMiddleware } from "./http/browser-id.js";
import { csrfProtection } from "./http/csrf.js";
import { cookiePolicy } from "./http/cookie-policy.js";
import { rateLimitByIp } from "./http/rate-limit.js";
import { errorHandler, notFoundHandler } from "./http/error-handler.js";
import { localeMiddleware } from "./http/locale.js";
import { ltijsErrorPages } from "./http/ltijs-error-pages.js";
import { requestLogger } from "./http/logger.js";
import { originsCache, securityHeaders } from "./http/security.js";
import { launchHandlers } from "./launch/index.js";
import { createLti, LTI_ROUTES, type Lti } from "./lti/provider.js";
import { healthRoutes } from "./ops/health-routes.js";
import { scheduleUpload } from "./http/multipart.js";
import { cleanQueryParser, controlCharsInPathRefused, controlCharsStripped } from "./http/control-chars.js";
import { REGISTER_MARKS } from "./attendance/index.js";
import {
  ensureStaffCourse,
  planningRoutes,
  zoomClientFromEnv,
  ZOOM_WEBHOOK_PATH,
  zoomWebhookBody,
  zoomWebhookRoutes,
} from "./planning/index.js";
import { activityPanels, attendanceEvents, attendancePanels, groupPanels } from "./wiring.js";
import { notifyRoutes } from "./notify/index.js";
import { followupRoutes } from "./followup/index.js";
import { EXCUSE_UPLOAD_PATH, excuseRoutes, excuseUpload, purgeExcuseFiles, retentionCutoff } from "./excuses/index.js";
import { registrationRoutes } from "./registration/index.js";
import { VIEWS_DIR } from "./paths.js";
import { installKeySetCache, launchContext } from "./lti/jwks-cache.js";

const require = createRequire(import.meta.url);

export interface AppDeps {
  env: Env;
  database: Database;
  logger: Logger;
  encryptionKey: string;
  now?: () => Date;
  /** How the server reaches itself; defaults to http://127.0.0.1:PORT. */
  internalUrl?: string;
}

export interface RollbookApp {
  app: Express;
  lti: Lti;
  /** Purges expired sessions, ltijs rows, pending scans and old attempt logs; the housekeeping job runs it. */
  housekeeping(): Promise<{
    sessions: number;
    ltiRows: number;
    attemptLogs: number;
    pendingScans: number;
    excuseFiles: number;
  }>;
}

/** Builds the whole web app (no listen): ltijs at /lti, our pages, the demo platform when enabled. */
export async function buildApp(deps: AppDeps): Promise<RollbookApp> {
  const { env, database } = deps;
  const db = database.db;
  const now = deps.now ?? (() => new Date());
  const cookies = cookiePolicy(env);
  const getLti = startLti(deps, now, cookies);
  const demoKeys = await seedDemo(deps, getLti());

  const app = express();
  configureExpress(app, env);
  const origins = originsCache(() => getLti().platformOrigins());
  useAssetsAndHealth(app, deps, origins);
  useLti(app, deps, getLti, now);
  useParsersAndCsrf(app, deps, cookies, now);
  mountFeatures(app, deps, { getLti, now, cookies, demoKeys });
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));

  return {
    app,
    lti: getLti(),
    async housekeeping() {
      const at = now();
      await purgeFormTokens(db, new Date(at.getTime() - 7 * 24 * 3600_000));
      return {
        sessions: await purgeExpiredSessions(db, at),
        ltiRows: await getLti().storage.purgeExpired(),
        attemptLogs: await purgeAttemptLogs(db, attemptLogCutoff(at, env.ATTEMPT_LOG_RETENTION_DAYS)),
        pendingScans: await purgeExpiredPendingCheckins(db, at),
        excuseFiles: await purgeExcuseFiles(db, retentionCutoff(at, env.EXCUSE_FILE_RETENTION_DAYS)),
      };
    },
  };
}

type Cookies = ReturnType<typeof cookiePolicy>;
type DemoKeys = Awaited<ReturnType<typeof loadDemoKeys>>;

/** ltijs with our launch handlers; the handlers reach the facade built with them through a late-bound getter. */
function startLti(deps: AppDeps, now: () => Date, cookies: Cookies): () => Lti {
  const { env, logger } = deps;
  const db = deps.database.db;
  const holder: { lti?: Lti } = {};
  const getLti = () => {
    if (!holder.lti) throw new Error("LTI not ready");
    return holder.lti;
  };
  holder.lti = createLti({
    db,
    encryptionKey: deps.encryptionKey,
    publicUrl: env.PUBLIC_URL,
    toolName: env.TOOL_NAME,
    secureCookies: cookies.isSecure,
    tokenMaxAgeSeconds: env.LTI_TOKEN_MAX_AGE_SECONDS,
    platformTimeoutMs: env.PLATFORM_TIMEOUT_MS,
    now,
    handlers: launchHandlers({
      db,
      logger,
      now,
      cookies,
      sessionTtlHours: env.SESSION_TTL_HOURS,
      rosterMaxAgeMinutes: env.ROSTER_MAX_AGE_MINUTES,
      groupsMaxAgeMinutes: env.MOODLE_GROUPS_MAX_AGE_MINUTES,
      encryptionKey: deps.encryptionKey,
      defaultTimezone: env.DEFAULT_TIMEZONE,
      lti: getLti,
    }),
  });
  return getLti;
}

/** The demo platform when enabled; its coordinator launches from its staff course onto the study days. */
async function seedDemo(deps: AppDeps, lti: Lti): Promise<DemoKeys | null> {
  const { env } = deps;
  const db = deps.database.db;
  const demoKeys = env.DEMO_ENABLED ? await loadDemoKeys(db) : null;
  const demoPlatformId = await ensureDemoPlatform(lti, demoKeys, env.PUBLIC_URL);
  if (demoPlatformId) {
    await ensureStaffCourse(db, demoPlatformId, DEMO_STAFF_COURSE.id);
    await addCoordinator(db, {
      platformId: demoPlatformId,
      who: DEMO_COORDINATOR.id,
      name: `${DEMO_COORDINATOR.given} ${DEMO_COORDINATOR.family}`,
    });
  }
  return demoKeys;
}

function configureExpress(app: Express, env: Env): void {
  app.set("query parser", cleanQueryParser);
  app.set("trust proxy", /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  app.set("views", VIEWS_DIR);
  app.set("view engine", "ejs");
  // compiled templates are kept, as in production; `npm run dev` re-reads them
  app.set("view cache", env.NODE_ENV !== "development");
  app.disable("x-powered-by");
  app.locals.toolName = env.TOOL_NAME;
}

function useAssetsAndHealth(app: Express, deps: AppDeps, origins: ReturnType<typeof originsCache>): void {
  const { env, logger } = deps;
  app.use(requestLogger(logger));
  app.use((_req, res, next) => {
    res.locals.toolName = env.TOOL_NAME; // ltijs's sub-app renders our pages too, without our app.locals
    next();
  });
  app.use(securityHeaders(origins, `/lti${LTI_ROUTES.register}`));
  app.use(localeMiddleware);
  const bootstrapDist = join(dirname(require.resolve("bootstrap/package.json")), "dist");
  app.use("/assets/bootstrap", express.static(bootstrapDist, { maxAge: "7d", immutable: true }));
  app.use("/assets", express.static(join(VIEWS_DIR, "../public"), { maxAge: "1h" }));
  const favicon = join(VIEWS_DIR, "../public/favicon.ico");
  app.get("/favicon.ico", (_req, res) => res.sendFile(favicon, { maxAge: "7d" })); // browsers ask for it on every page
  app.use(healthRoutes(deps.database, logger));
}

/** Dynamic registration, the launch rate limit and ltijs itself (it parses its own bodies and signed cookies). */
function useLti(app: Express, deps: AppDeps, getLti: () => Lti, now: () => Date): void {
  const { env, logger } = deps;
  const db = deps.database.db;
  app.use(
    registrationRoutes({
      db,
      lti: getLti,
      logger,
      now,
      policy: {
        allowedHosts: env.DYNREG_ALLOWED_HOSTS,
        autoActivate: env.DYNREG_AUTO_ACTIVATE,
        production: env.NODE_ENV === "production",
      },
      tool: { publicUrl: env.PUBLIC_URL, toolName: env.TOOL_NAME },
    }),
  );
  app.use(controlCharsInPathRefused);
  // a flood from one address is refused before ltijs looks up platforms and writes states and nonces
  for (const route of ["login", "launch"] as const)
    app.use(
      `/lti${LTI_ROUTES[route]}`,
      rateLimitByIp(db, {
        bucket: `lti.${route}`,
        limit: env.LTI_RATE_LIMIT_PER_MINUTE,
        windowMs: 60_000,
        messageKey: `ratelimit.lti_${route}`,
        now,
      }),
    );
  installKeySetCache(env.JWKS_CACHE_SECONDS * 1000);
  app.use("/lti", launchContext, ltijsErrorPages(logger), getLti().app);
}

/** Our body parsers, uploads (read before the CSRF check) and the CSRF check. */
function useParsersAndCsrf(app: Express, deps: AppDeps, cookies: Cookies, now: () => Date): void {
  const db = deps.database.db;
  app.use(cookieParser());
  app.use(ZOOM_WEBHOOK_PATH, zoomWebhookBody); // the signature is over the raw bytes: read them before the parsers
  // a 300-student register posts 1,200+ fields
  app.use(express.urlencoded({ extended: false, limit: "200kb", parameterLimit: 10_000 }));
  app.use(express.json({ limit: "200kb" }));
  app.use(browserIdMiddleware({ cookies, secret: deps.encryptionKey }));
  app.use("/activities/:activityId/study-days/import", scheduleUpload()); // multipart, read before the CSRF check
  app.use(
    ["/activities/:activityId/attendance/sessions/import", "/activities/:activityId/attendance/marks/import"],
    scheduleUpload(),
  ); // CSV or XLSX uploads, likewise
  app.use(EXCUSE_UPLOAD_PATH, excuseUpload()); // the student's form with its file: a too large file keeps the reason
  app.use(controlCharsStripped([REGISTER_MARKS])); // the register refuses such a remark row by row
  const unprotected = ["/demo/platform/", "/notify/unsubscribe/", "/studyday/l/", ZOOM_WEBHOOK_PATH];
  app.use(...csrfProtection(deps.encryptionKey, cookies, unprotected, { db, now }));
}

/** Every feature's routers, wired here and nowhere else. */
function mountFeatures(
  app: Express,
  deps: AppDeps,
  w: { getLti: () => Lti; now: () => Date; cookies: Cookies; demoKeys: DemoKeys | null },
): void {
  const { env, encryptionKey } = deps;
  const db = deps.database.db;
  const { getLti: lti, now, cookies, demoKeys } = w;
  const internalUrl = deps.internalUrl ?? `http://127.0.0.1:${env.PORT}`;
  app.use(zoomWebhookRoutes(db, now, env.ZOOM_WEBHOOK_SECRET));
  if (demoKeys) app.use(demoRoutes({ keys: demoKeys, publicUrl: env.PUBLIC_URL, internalUrl, now }));
  else app.get("/", (_req, res) => res.render("home", {}));
  app.use(activityRoutes({ db, lti, now, ...activityPanels }));
  const zoom = zoomClientFromEnv(env);
  app.use(planningRoutes({ db, now, zoom, encryptionKey, publicUrl: env.PUBLIC_URL }));
  app.use(deepLinkRoutes({ db, lti, now, publicUrl: env.PUBLIC_URL }));
  app.use(bridgeRoutes({ db, encryptionKey, now }));
  app.use(attendanceRoutes({ db, lti, now, events: attendanceEvents, panels: attendancePanels }));
  app.use(groupRoutes({ db, now, ...groupPanels }));
  app.use(notifyRoutes({ db, now, toolName: env.TOOL_NAME, linkKey: encryptionKey }));
  app.use(followupRoutes({ db, now, encryptionKey }));
  app.use(excuseRoutes({ db, now }));
  app.use(checkinRoutes({ db, lti, now, linkKey: encryptionKey, publicUrl: env.PUBLIC_URL, cookies }));
}
