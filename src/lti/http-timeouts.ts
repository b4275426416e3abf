import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type Method = (url: unknown, options?: Record<string, unknown>, ...rest: unknown[]) => unknown;
const METHODS = ["get", "post", "put", "patch", "delete", "head"] as const;

let timeoutMs = 15_000;
let installed = false;

/**
 * Every HTTP call ltijs makes to a platform (AGS scores and line items, NRPS members, the access token, the JWKS
 * read) goes through one got client (`ltijs/dist/Utils/Http.js`) that sets no timeout, so a Moodle that accepts the
 * connection and never answers holds the caller forever. This gives each of that client's calls a whole-request
 * timeout (got's `timeout.request`), unless the call names its own; got then throws a TimeoutError, which the
 * callers treat as any failure (the grade queue retries later). Install before the key-set cache, which wraps
 * `get` on top. Installed once per process; a later call only changes the time.
 */
export function installLtiHttpTimeouts(ms: number): void {
  timeoutMs = ms;
  if (installed) return;
  installed = true;
  const http = require("ltijs/dist/Utils/Http.js") as Record<(typeof METHODS)[number], Method>;
  for (const name of METHODS) {
    const original = http[name].bind(http);
    http[name] = (url, options = {}, ...rest) =>
      original(url, { ...options, timeout: options.timeout ?? { request: timeoutMs } }, ...rest);
  }
}
