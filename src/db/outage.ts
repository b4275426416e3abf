/** How long a client should wait before trying again while the database is unreachable (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

/** Node's socket errors and PostgreSQL's SQLSTATEs that mean "the database cannot be reached now", not "a bug". */
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin_shutdown: pg_terminate_backend, a restart
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "53300", // too_many_connections
]);
/** node-postgres and PGlite say so in words only. */
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|PGlite is closed|Cannot use a pool after calling end|DATABASE_UNAVAILABLE/i;

/**
 * Whether an error (or its cause, or one of an AggregateError's errors) means the database is unreachable: cut or
 * refused connections, a terminated backend, a closed embedded database. Those answer 503 and "try again", not 500.
 */
export function isDatabaseOutage(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (CODES.has(e.code) || e.code.startsWith("08"))) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseOutage(x, depth + 1))) return true;
  return isDatabaseOutage(e.cause, depth + 1);
}
