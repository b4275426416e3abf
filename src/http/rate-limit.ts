import { sql } from "drizzle-orm";
import type { NextFunction, Request, Response } from "express";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { ltiStore } from "../db/schema.js";
import { RateLimited } from "../errors.js";

/** The counters' collection in lti_store, beside ltijs's nonces and states (keyed, expiring, purged by housekeeping). */
export const RATE_COLLECTION = "rate";

export interface RateLimitOptions {
  /** Which count this is (`lti.login`): each bucket counts on its own. */
  bucket: string;
  /** Requests one address may make per window; 0 turns the limit off. */
  limit: number;
  windowMs: number;
  /** i18n key of the refusal (with `_hint`). */
  messageKey: string;
  now: () => Date;
}

/**
 * Counts one request of `key` in the database and answers the count and when the window ends. A fixed window per
 * key: the first request after the window ends starts a new one. One upsert on lti_store's (collection, replace_key)
 * unique index, so every process behind a load balancer counts in the same row and parallel requests cannot race.
 */
export async function countRequest(db: Db, key: string, windowMs: number, now: Date) {
  const at = now.toISOString();
  const until = new Date(now.getTime() + windowMs).toISOString();
  const [row] = rowsOf<{ n: number; until: string | Date }>(
    await db.execute(sql`
      insert into ${ltiStore} (collection, doc, replace_key, created_at, expires_at)
      values (${RATE_COLLECTION}, '{"n": 1}'::jsonb, ${key}, ${at}::timestamptz, ${until}::timestamptz)
      on conflict (collection, replace_key) do update set
        doc = case when ${ltiStore.expiresAt} <= ${at}::timestamptz then '{"n": 1}'::jsonb
                   else jsonb_build_object('n', (${ltiStore.doc}->>'n')::int + 1) end,
        created_at = case when ${ltiStore.expiresAt} <= ${at}::timestamptz then ${at}::timestamptz
                          else ${ltiStore.createdAt} end,
        expires_at = case when ${ltiStore.expiresAt} <= ${at}::timestamptz then ${until}::timestamptz
                          else ${ltiStore.expiresAt} end
      returning (doc->>'n')::int as n, expires_at as until`),
  );
  return { count: Number(row?.n ?? 0), until: new Date(row?.until ?? until) };
}

/**
 * Refuses an address's requests past `limit` per window with 429, Retry-After and a page (or JSON) in the user's
 * language. The address is `req.ip`: behind a proxy, TRUST_PROXY must name it, or every user is the proxy.
 */
export function rateLimitByIp(db: Db, o: RateLimitOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (o.limit <= 0) return next();
    const now = o.now();
    countRequest(db, `${o.bucket}:${req.ip ?? ""}`, o.windowMs, now).then(({ count, until }) => {
      if (count <= o.limit) return next();
      res.setHeader("Retry-After", String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))));
      next(RateLimited(o.messageKey));
    }, next);
  };
}
