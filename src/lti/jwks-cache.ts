import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import type { NextFunction, Request, Response } from "express";

const require = createRequire(import.meta.url);

/** A platform's key set as certs.php answers it. */
export interface KeySet {
  keys: { kid?: string }[];
}

/**
 * Platform key sets by URL, each kept for `ttlMs` and read again at once when a token names a key (`kid`) the kept
 * set lacks, so a platform that rotates its key is never refused for it. Pure apart from the fetch it is given.
 */
export class KeySetCache {
  private readonly entries = new Map<string, { at: number; keySet: KeySet; kids: Set<string> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async get(url: string, kid: string, fetch: () => Promise<KeySet>): Promise<KeySet> {
    const kept = this.entries.get(url);
    if (kept && this.now() - kept.at < this.ttlMs && kept.kids.has(kid)) return kept.keySet;
    const keySet = await fetch();
    const kids = new Set((Array.isArray(keySet?.keys) ? keySet.keys : []).map((k) => String(k.kid)));
    this.entries.set(url, { at: this.now(), keySet, kids });
    return keySet;
  }
}

/** The request ltijs is validating, so the key-set read knows the token's `kid` (ltijs does not pass it on). */
const launchRequest = new AsyncLocalStorage<Request>();

/** Mount before ltijs's app: runs the rest of the request inside its launch context. */
export function launchContext(req: Request, _res: Response, next: NextFunction): void {
  launchRequest.run(req, next);
}

/** The `kid` in an id_token's header, without verifying anything (ltijs verifies); null when unreadable. */
export function kidOf(idToken: unknown): string | null {
  if (typeof idToken !== "string") return null;
  try {
    const header = JSON.parse(Buffer.from(idToken.split(".")[0] ?? "", "base64url").toString("utf8")) as {
      kid?: unknown;
    };
    return typeof header.kid === "string" && header.kid !== "" ? header.kid : null;
  } catch {
    return null;
  }
}

type Get = (url: unknown, ...rest: unknown[]) => { json(): Promise<unknown> };
let cache: KeySetCache | null = null;

/**
 * ltijs reads the platform's key set (Moodle's certs.php) on every launch, through its own HTTP client
 * (`ltijs/dist/Utils/Http.js`, `got.get(url).json()` in `Utils/Auth.js`): a round trip to Moodle per launch. This
 * puts a KeySetCache in front of exactly that read: a GET with no options, made while validating a request that
 * carries an id_token. Every other request of ltijs's client goes through untouched. The client is one per process,
 * so the cache is too; `ttlMs` 0 leaves ltijs as it is.
 */
export function installKeySetCache(ttlMs: number): void {
  if (ttlMs <= 0 || cache) return;
  cache = new KeySetCache(ttlMs);
  const http = require("ltijs/dist/Utils/Http.js") as { get: Get };
  const original = http.get.bind(http);
  http.get = (url, ...rest) => {
    const kid =
      rest.length === 0 && typeof url === "string"
        ? kidOf((launchRequest.getStore()?.body as Record<string, unknown> | undefined)?.id_token)
        : null;
    if (!kid || !cache) return original(url, ...rest);
    const kept = cache;
    return { json: () => kept.get(url as string, kid, async () => (await original(url).json()) as KeySet) };
  };
}
