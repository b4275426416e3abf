import { and, eq, isNull, lte, or, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ltiStore } from "../db/schema.js";
import { decryptForLtijs, encryptForLtijs } from "./lti-crypto.js";
import { LTI_EXPIRY_SECONDS, LTI_TIMESTAMPED } from "./storage-policy.js";

type Doc = Record<string, unknown>;
type Query = Doc | undefined;
type Key = string | false | undefined;

/** The same key for the same query whatever the order of its fields. */
function stableKey(query: Query): string {
  const q = query ?? {};
  return JSON.stringify(
    Object.keys(q)
      .sort()
      .map((k) => [k, q[k] === undefined ? null : q[k]]),
  );
}

/** Mongo matches `{kid: undefined}` as null, JSON drops it (matching everything): keep undefined as null. */
function toContainment(query: Query): string {
  const q: Doc = {};
  for (const [k, v] of Object.entries(query ?? {})) q[k] = v === undefined ? null : v;
  return JSON.stringify(q);
}

/**
 * ltijs's storage (its `plugin` option) on our PostgreSQL/PGlite database. Same semantics as ltijs's
 * mongoose Database: Get answers `false` when nothing matches, Replace upserts, Modify changes the first
 * match, Delete removes every match, encrypted collections keep only their index fields in clear.
 * Expired rows (nonce, state, tokens) are never returned and are purged by `purgeExpired`.
 */
/** Collections read on every launch and written rarely: cached for a few seconds, dropped on any write here. */
const CACHED_COLLECTIONS = new Set(["platform", "platformStatus"]);
const CACHE_MS = 5_000;

class ReadCache {
  private readonly entries = new Map<string, { at: number; rows: Doc[] | false }>();
  get(collection: string, query: Query): Doc[] | false | undefined {
    if (!CACHED_COLLECTIONS.has(collection)) return undefined;
    const hit = this.entries.get(`${collection}|${stableKey(query)}`);
    if (!hit || Date.now() - hit.at > CACHE_MS) return undefined;
    return hit.rows === false ? false : structuredClone(hit.rows);
  }
  set(collection: string, query: Query, rows: Doc[] | false): void {
    if (CACHED_COLLECTIONS.has(collection))
      this.entries.set(`${collection}|${stableKey(query)}`, {
        at: Date.now(),
        rows: rows === false ? false : structuredClone(rows),
      });
  }
  forget(collection: string): void {
    if (!CACHED_COLLECTIONS.has(collection)) return;
    for (const k of this.entries.keys()) if (k.startsWith(`${collection}|`)) this.entries.delete(k);
  }
}

export class LtiStoragePlugin {
  /** Platform lookups (4 per launch) answered from memory for up to 5 s; another process's change shows within that. */
  private readonly cache = new ReadCache();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setup(): Promise<boolean> {
    return true;
  }

  async Close(): Promise<boolean> {
    return true;
  }

  private live(collection: string, query: Query): SQL {
    const nowIso = this.now().toISOString();
    return and(
      eq(ltiStore.collection, collection),
      sql`${ltiStore.doc} @> ${toContainment(query)}::jsonb`,
      or(isNull(ltiStore.expiresAt), gt(ltiStore.expiresAt, sql`${nowIso}::timestamptz`)),
    ) as SQL;
  }

  private expiresAt(collection: string, from: Date): Date | null {
    const ttl = LTI_EXPIRY_SECONDS[collection];
    return ttl === undefined ? null : new Date(from.getTime() + ttl * 1000);
  }

  async Get(key: Key, collection: string, query?: Query): Promise<Doc[] | false> {
    if (!collection) throw new Error("MISSING_COLLECTION");
    const cached = this.cache.get(collection, query);
    if (cached !== undefined) return cached;
    const rows = await this.db.select().from(ltiStore).where(this.live(collection, query)).orderBy(ltiStore.id);
    if (rows.length === 0) {
      this.cache.set(collection, query, false);
      return false;
    }
    const docs = rows.map((row) => {
      if (key && row.iv && row.data) {
        const doc = JSON.parse(decryptForLtijs(row.data, row.iv, key)) as Doc;
        if (LTI_TIMESTAMPED.has(collection)) doc.createdAt = row.createdAt.getTime();
        return doc;
      }
      const doc: Doc = { ...row.doc };
      if (row.iv && row.data) Object.assign(doc, { iv: row.iv, data: row.data });
      if (LTI_TIMESTAMPED.has(collection)) doc.createdAt = row.createdAt;
      return doc;
    });
    this.cache.set(collection, query, docs);
    return docs;
  }

  private encode(key: Key, item: Doc, index?: Doc) {
    if (!key) return { doc: item, iv: null, data: null };
    const { iv, data } = encryptForLtijs(JSON.stringify(item), key);
    return { doc: index ?? {}, iv, data };
  }

  async Insert(key: Key, collection: string, item: Doc, index?: Doc): Promise<boolean> {
    if (!collection || !item || (key && !index)) throw new Error("MISSING_PARAMS");
    const now = this.now();
    await this.db.insert(ltiStore).values({
      collection,
      ...this.encode(key, item, index),
      createdAt: now,
      expiresAt: this.expiresAt(collection, now),
    });
    this.cache.forget(collection);
    return true;
  }

  async Replace(key: Key, collection: string, query: Query, item: Doc, index?: Doc): Promise<boolean> {
    if (!collection || !item || (key && !index)) throw new Error("MISSING_PARAMS");
    const now = this.now();
    const replaceKey = stableKey(query);
    const { doc, iv, data } = this.encode(key, item, index);
    const expiresAt = this.expiresAt(collection, now);
    // One statement: drop other documents the query matches (e.g. one written by Insert), then upsert by the
    // query's key; the unique (collection, replace_key) index makes concurrent Replaces leave one row.
    await this.db.execute(sql`
      with gone as (
        delete from ${ltiStore}
        where ${ltiStore.collection} = ${collection} and ${ltiStore.doc} @> ${toContainment(query)}::jsonb
          and ${ltiStore.replaceKey} is distinct from ${replaceKey}
      )
      insert into ${ltiStore} (collection, doc, iv, data, created_at, expires_at, replace_key)
      values (${collection}, ${JSON.stringify(doc)}::jsonb, ${iv}, ${data}, ${now.toISOString()}::timestamptz,
              ${expiresAt ? expiresAt.toISOString() : null}::timestamptz, ${replaceKey})
      on conflict (collection, replace_key) do update
        set doc = excluded.doc, iv = excluded.iv, data = excluded.data,
            created_at = excluded.created_at, expires_at = excluded.expires_at`);
    this.cache.forget(collection);
    return true;
  }

  async Modify(key: Key, collection: string, query: Query, modification: Doc): Promise<boolean> {
    if (!collection || !query || !modification) throw new Error("MISSING_PARAMS");
    this.cache.forget(collection);
    const [row] = await this.db
      .select()
      .from(ltiStore)
      .where(this.live(collection, query))
      .orderBy(ltiStore.id)
      .limit(1);
    if (!row) return true;
    if (key && row.iv && row.data) {
      const doc = JSON.parse(decryptForLtijs(row.data, row.iv, key)) as Doc;
      const [field, value] = Object.entries(modification)[0] ?? [];
      if (field) doc[field] = value;
      const { iv, data } = encryptForLtijs(JSON.stringify(doc), key);
      await this.db.update(ltiStore).set({ iv, data }).where(eq(ltiStore.id, row.id));
      this.cache.forget(collection);
      return true;
    }
    await this.db
      .update(ltiStore)
      .set({ doc: { ...row.doc, ...modification } })
      .where(eq(ltiStore.id, row.id));
    this.cache.forget(collection);
    return true;
  }

  async Delete(collection: string, query: Query): Promise<boolean> {
    if (!collection || !query) throw new Error("MISSING_PARAMS");
    this.cache.forget(collection);
    await this.db
      .delete(ltiStore)
      .where(and(eq(ltiStore.collection, collection), sql`${ltiStore.doc} @> ${toContainment(query)}::jsonb`));
    this.cache.forget(collection);
    return true;
  }

  async Encrypt(data: string, secret: string) {
    return encryptForLtijs(data, secret);
  }

  async Decrypt(data: string, iv: string, secret: string) {
    return decryptForLtijs(data, iv, secret);
  }

  /** Removes expired nonces, states and tokens; returns how many rows went. */
  async purgeExpired(): Promise<number> {
    const nowIso = this.now().toISOString();
    const gone = await this.db
      .delete(ltiStore)
      .where(lte(ltiStore.expiresAt, sql`${nowIso}::timestamptz`))
      .returning({ id: ltiStore.id });
    return gone.length;
  }
}
