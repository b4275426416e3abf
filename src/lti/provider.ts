import { installLtiHttpTimeouts } from "./http-timeouts.js";
import { createRequire } from "node:module";
import type { Application, Request, Response } from "express";
import type { Db } from "../db/client.js";
import type { LaunchToken, LtijsPlatform, LtijsProvider, NrpsMember } from "./ltijs-types.js";
import { isDatabaseOutage } from "../db/outage.js";
import { LtiStoragePlugin } from "./storage-plugin.js";

const require = createRequire(import.meta.url);

/** ltijs exports one Provider instance; its class gives us a fresh one per app (tests and benches build several). */
function newLtijsProvider(): LtijsProvider {
  const singleton = (require("ltijs") as { Provider: object }).Provider;
  const Ctor = (singleton as { constructor: new () => LtijsProvider }).constructor;
  return new Ctor();
}

const STORAGE_CALLS = new Set(["Get", "Insert", "Replace", "Modify", "Delete"]);

/**
 * ltijs puts a storage error's message into its own 500 answers and launch refusals, and for a failed query that
 * is the SQL with its values. It gets a fixed word instead (DATABASE_UNAVAILABLE for an outage, so the answer is
 * 503); the error itself stays as the cause.
 */
function guardedStorage(storage: LtiStoragePlugin): LtiStoragePlugin {
  return new Proxy(storage, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || !STORAGE_CALLS.has(String(prop))) return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (err) {
          throw new Error(isDatabaseOutage(err) ? "DATABASE_UNAVAILABLE" : "DATABASE_FAILED", { cause: err });
        }
      };
    },
  });
}

/** Why a launch was refused, from ltijs's error text; each has its own message and status. */
export type LaunchFailure =
  | "missing"
  | "expired"
  | "signature"
  | "audience"
  | "issuer"
  | "unregistered"
  | "inactive"
  | "replayed"
  | "deployment"
  | "cookie"
  | "session"
  | "invalid";

const FAILURES: ReadonlyArray<readonly [RegExp, LaunchFailure]> = [
  [/NO_LTIK_OR_IDTOKEN_FOUND/, "missing"],
  [/TOKEN_TOO_OLD|jwt expired|jwt not active/i, "expired"],
  [
    /invalid signature|KEY_NOT_FOUND|KID_NOT_FOUND|KEYSET_NOT_FOUND|INVALID_JWT_RECEIVED|jwt malformed|invalid token/i,
    "signature",
  ],
  [/AUD_DOES_NOT_MATCH|AZP_DOES_NOT_MATCH|audience/i, "audience"],
  [/ISS_CLAIM_DOES_NOT_MATCH|issuer/i, "issuer"],
  [/UNREGISTERED_PLATFORM/, "unregistered"],
  [/PLATFORM_NOT_ACTIVATED/, "inactive"],
  [/NONCE_ALREADY_RECEIVED/, "replayed"],
  [/NO_DEPLOYMENT_ID_CLAIM/, "deployment"],
  [/MISSING_VALIDATION_COOKIE/, "cookie"],
  [/Session not found|IDTOKEN_NOT_FOUND_DB|CONTEXTTOKEN_NOT_FOUND_DB/, "session"],
];

/** Maps ltijs's error text to a LaunchFailure (pure; the table above is the rule). */
export function classifyLaunchError(message: string): LaunchFailure {
  for (const [pattern, failure] of FAILURES) if (pattern.test(message)) return failure;
  return "invalid";
}

export interface LtiHandlers {
  onLaunch(token: LaunchToken, req: Request, res: Response): Promise<unknown>;
  onDeepLinking(token: LaunchToken, req: Request, res: Response): Promise<unknown>;
  onFailure(failure: LaunchFailure, detail: string, req: Request, res: Response): Promise<unknown>;
}

export interface LtiOptions {
  db: Db;
  encryptionKey: string;
  /** The tool's public base URL, e.g. https://rollbook.example.lv */
  publicUrl: string;
  toolName: string;
  /** ltijs's state and platform cookies `Secure; SameSite=None` (src/http/cookie-policy.ts decides). */
  secureCookies: boolean;
  tokenMaxAgeSeconds: number;
  handlers: LtiHandlers;
  now?: () => Date;
  /** How long any one call to a platform (AGS, NRPS, token, JWKS) may take before it fails; default 15 s. */
  platformTimeoutMs?: number;
}

export interface PlatformSummary {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authEndpoint: string;
  tokenEndpoint: string;
  keySet: string;
  active: boolean;
}

export interface PlatformRegistration {
  name: string;
  issuer: string;
  clientId: string;
  authEndpoint: string;
  tokenEndpoint: string;
  /** The platform's JWKS URL (Moodle: /mod/lti/certs.php) or, with `keyType: "RSA_KEY"`, a PEM public key. */
  keySet: string;
  keyType?: "JWK_SET" | "RSA_KEY";
  active?: boolean;
}

/** The routes the tool exposes under /lti, for the README, lti-config and dynamic registration. */
export const LTI_ROUTES = { login: "/login", launch: "/launch", keys: "/keys", register: "/register" } as const;

/** Typed facade over ltijs: the rest of Rollbook never touches ltijs directly. */
export interface Lti {
  /** ltijs's express app; mount it at /lti before any body or cookie parser. */
  app: Application;
  storage: LtiStoragePlugin;
  registerPlatform(input: PlatformRegistration): Promise<PlatformSummary>;
  listPlatforms(): Promise<PlatformSummary[]>;
  getPlatform(platformId: string): Promise<PlatformSummary | null>;
  setPlatformActive(platformId: string, active: boolean): Promise<boolean>;
  deletePlatform(platformId: string): Promise<boolean>;
  platformOrigins(): Promise<string[]>;
  /** The signed LtiDeepLinkingResponse JWT; we post it ourselves (ltijs's own form has an inline script our CSP blocks). */
  deepLinkingMessage(token: LaunchToken, items: unknown[], message: string): Promise<string>;
  getMembers(ref: { issuer: string; clientId: string; membershipsUrl: string }): Promise<NrpsMember[]>;
  /**
   * Sends one FullyGraded score to a line item through ltijs's grade service. ltijs stamps the score with the
   * current time, and Moodle refuses (409) a second score for a user within the same whole second: that answers
   * "conflict" (send again a second later). Moodle's 400 (e.g. a user it cannot grade) answers "rejected".
   * Other failures throw.
   */
  submitScore(
    ref: { issuer: string; clientId: string },
    lineItemUrl: string,
    score: ScoreInput,
  ): Promise<"ok" | "conflict" | "rejected">;
}

/** A grade for one user: scoreGiven out of scoreMaximum (Moodle rescales to its column's maximum). */
export interface ScoreInput {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment?: string;
}

async function summarise(p: LtijsPlatform): Promise<PlatformSummary> {
  const json = (await p.platformJSON()) as {
    id: string;
    name: string;
    url: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authConfig: { key: string };
    active: boolean;
  };
  return {
    id: json.id,
    name: json.name,
    issuer: json.url,
    clientId: json.clientId,
    authEndpoint: json.authenticationEndpoint,
    tokenEndpoint: json.accesstokenEndpoint,
    keySet: json.authConfig.key,
    active: json.active,
  };
}

function failureFrom(res: Response): string {
  const err = (res.locals as { err?: { details?: { message?: string } } }).err;
  return err?.details?.message ?? "unknown";
}

/**
 * Sets ltijs up on our database and wires its callbacks to our handlers. Throws (never exits with 0, as
 * ltijs's own deploy does) when setup fails. ltijs's deploy() is not used: we own the server and the database.
 */
export function createLti(opts: LtiOptions): Lti {
  installLtiHttpTimeouts(opts.platformTimeoutMs ?? 15_000);
  const provider = newLtijsProvider();
  const storage = new LtiStoragePlugin(opts.db, opts.now);
  try {
    provider.setup(
      opts.encryptionKey,
      { plugin: guardedStorage(storage) },
      {
        appRoute: LTI_ROUTES.launch,
        loginRoute: LTI_ROUTES.login,
        keysetRoute: LTI_ROUTES.keys,
        cors: false,
        devMode: false,
        tokenMaxAge: opts.tokenMaxAgeSeconds,
        cookies: opts.secureCookies ? { secure: true, sameSite: "None" } : { secure: false, sameSite: "Lax" },
      },
    );
  } catch (err) {
    throw new Error(`ltijs setup failed: ${(err as Error).message}`, { cause: err });
  }
  const h = opts.handlers;
  provider.onConnect((token, req, res) => h.onLaunch(token, req, res));
  provider.onDeepLinking((token, req, res) => h.onDeepLinking(token, req, res));
  provider.onInvalidToken((req, res) => {
    const detail = failureFrom(res);
    return h.onFailure(classifyLaunchError(detail), detail, req, res);
  });
  provider.onSessionTimeout((req, res) => h.onFailure("session", failureFrom(res), req, res));
  provider.onUnregisteredPlatform((req, res) => h.onFailure("unregistered", "UNREGISTERED_PLATFORM", req, res));
  provider.onInactivePlatform((req, res) => h.onFailure("inactive", "PLATFORM_NOT_ACTIVATED", req, res));

  const getPlatform = async (platformId: string) => {
    const p = await provider.getPlatformById(platformId);
    return p || null;
  };

  return {
    app: provider.app,
    storage,
    async registerPlatform(input) {
      const platform = await provider.registerPlatform({
        url: input.issuer,
        name: input.name,
        clientId: input.clientId,
        authenticationEndpoint: input.authEndpoint,
        accesstokenEndpoint: input.tokenEndpoint,
        authConfig: { method: input.keyType ?? "JWK_SET", key: input.keySet },
      });
      if (input.active !== undefined) await platform.platformActive(input.active);
      return summarise(platform);
    },
    async listPlatforms() {
      return Promise.all((await provider.getAllPlatforms()).map(summarise));
    },
    async getPlatform(platformId) {
      const p = await getPlatform(platformId);
      return p ? summarise(p) : null;
    },
    async setPlatformActive(platformId, active) {
      const p = await getPlatform(platformId);
      if (!p) return false;
      await p.platformActive(active);
      return true;
    },
    async deletePlatform(platformId) {
      const p = await getPlatform(platformId);
      if (!p) return false;
      await p.delete();
      return true;
    },
    async platformOrigins() {
      const all = await provider.getAllPlatforms();
      const origins = await Promise.all(all.map(async (p) => new URL(await p.platformUrl()).origin));
      return [...new Set(origins)];
    },
    deepLinkingMessage(token, items, message) {
      return provider.DeepLinking.createDeepLinkingMessage(token, items, { message });
    },
    async getMembers(ref) {
      const token = {
        iss: ref.issuer,
        clientId: ref.clientId,
        platformContext: { namesRoles: { context_memberships_url: ref.membershipsUrl } },
      };
      const result = await provider.NamesAndRoles.getMembers(token, { pages: false });
      return result.members;
    },
    async submitScore(ref, lineItemUrl, score) {
      const token = {
        iss: ref.issuer,
        clientId: ref.clientId,
        user: score.userId,
        platformContext: { endpoint: { lineitem: lineItemUrl } },
      };
      try {
        await provider.Grade.submitScore(token, lineItemUrl, {
          ...score,
          activityProgress: "Completed",
          gradingProgress: "FullyGraded",
        });
        return "ok";
      } catch (err) {
        const status = (err as { response?: { statusCode?: number } }).response?.statusCode;
        if (status === 409) return "conflict";
        if (status === 400) return "rejected";
        throw err;
      }
    },
  };
}
