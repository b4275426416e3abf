import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every setting Rollbook reads from the environment; `.env.example` documents each one. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    ROLE: z.enum(["all", "web", "worker"]).default("all"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Unset: http://localhost:PORT, so PORT alone moves the demo's launches with the server. */
    PUBLIC_URL: z.url().optional(),
    /**
     * Cookies `Secure; SameSite=None` also when PUBLIC_URL is http://localhost or 127.0.0.1 (browsers treat it as
     * secure); false: plain `SameSite=Lax` there, for clients that do not send Secure cookies back over http.
     */
    LOCALHOST_SECURE_COOKIES: bool.default(true),
    DATABASE_URL: z.url().optional(),
    /** The embedded database's folder; DATA_DIR/pglite unless set, so each DATA_DIR has its own database. */
    PGLITE_DIR: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    ENCRYPTION_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: z.string().default("loopback"),
    DEMO_ENABLED: bool.optional(),
    /** Activate platforms that register with neither a registration link nor an allow-listed host (open registration). */
    DYNREG_AUTO_ACTIVATE: bool.default(false),
    /** Moodle hosts (host or host:port, comma-separated) that may register without a link; any other host is refused. */
    DYNREG_ALLOWED_HOSTS: z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/, "host or host:port")))
      .default([]),
    ROSTER_MAX_AGE_MINUTES: z.coerce.number().int().min(0).default(60),
    MOODLE_GROUPS_MAX_AGE_MINUTES: z.coerce.number().int().min(0).default(60),
    SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
    /** Days the check-in attempt log (addresses, browsers, devices) is kept; the housekeeping job purges older lines. */
    ATTEMPT_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Days an excuse request's file is kept after the request was decided or withdrawn; housekeeping removes older. */
    EXCUSE_FILE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** LTI logins and, separately, launches one address may start per minute (all processes together); 0: no limit. */
    LTI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1000),
    LTI_TOKEN_MAX_AGE_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
    /** How long a platform's key set (certs.php) is kept between launches; 0 reads it on every launch. */
    JWKS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    /** How long one call to a platform (grades, members, token, key set) may take before it fails. */
    PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
    TOOL_NAME: z.string().min(1).default("Rollbook"),
    DEFAULT_TIMEZONE: z.string().min(1).default("Europe/Riga"),
    ZOOM_ACCOUNT_ID: z.string().min(1).optional(),
    ZOOM_CLIENT_ID: z.string().min(1).optional(),
    ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
    ZOOM_API_URL: z.url().default("https://api.zoom.us/v2"),
    ZOOM_OAUTH_URL: z.url().default("https://zoom.us/oauth/token"),
    /** The Zoom app's webhook secret token: /zoom/webhook verifies x-zm-signature with it; unset, the endpoint is off. */
    ZOOM_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** smtp://user:pass@host:587 (STARTTLS when offered; ?requireTLS=true insists) or smtps:// (TLS); empty: .eml files. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/\s]+/, "must be smtp://… or smtps://…")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Rollbook <rollbook@localhost>"),
    MAIL_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(3),
    /** Web processes (node's cluster, one port); unset: the number of cores on PostgreSQL, 1 on the embedded one. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  })
  .transform((e) => {
    const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
    return {
      ...e,
      PUBLIC_URL: publicUrl,
      PGLITE_DIR: e.PGLITE_DIR ?? join(e.DATA_DIR, "pglite"),
      DEMO_ENABLED: e.DEMO_ENABLED ?? e.NODE_ENV !== "production",
      isHttps: publicUrl.startsWith("https://"),
    };
  });

export type Env = Readonly<z.infer<typeof envSchema>>;

/** Parses a set of variables; returns every problem at once instead of the first. */
export function parseEnv(source: Record<string, string | undefined>): { env: Env } | { errors: string[] } {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return { env: Object.freeze(result.data) };
  return { errors: result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`) };
}

let cached: Env | undefined;

/** The process configuration, parsed once and frozen. On bad values the process exits naming every bad variable. */
export function loadEnv(): Env {
  if (cached) return cached;
  if (existsSync(".env") && typeof process.loadEnvFile === "function") process.loadEnvFile(".env");
  const parsed = parseEnv(process.env);
  if ("errors" in parsed) {
    process.stderr.write(
      `Rollbook cannot start: bad configuration\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}\n`,
    );
    process.exit(78);
  }
  cached = parsed.env;
  return cached;
}

/** Variables the test suite reads (kept here so this file stays the only reader of process.env). */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Chromium path for browser tests and benchmarks. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}
