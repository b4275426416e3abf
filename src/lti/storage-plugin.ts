import { and, eq, isNull, lte, or, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { ltiStore } from "../db/schema.js";
import { decryptForLtijs, encryptForLtijs } from "./lti-crypto.js";
import { LTI_EXPIRY_SECONDS, LTI_TIMESTAMPED } from "./storage-policy.js";

type Doc = Record<string, unknown>;
type Query = Doc | undefined;
type Key = string | false | undefined;

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
export class LtiStoragePlugin {
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
    const rows = await this.db.select().from(ltiStore).where(this.live(collection, query)).orderBy(ltiStore.id);
    if (rows.length === 0) return false;
    return rows.map((row) => {
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
  }

  private encode(key: Key, item: Doc, index?: Doc) {
    if (!key) return { doc: item, iv: null, data: null };
    const { iv, data } = encryptForLtijs(JSON.stringify(item), key);
    return { doc: index ?? {}, iv, data };
  }

  async Insert(key: Key, collection: string, item: Doc, index?: Doc): Promise<boolean> {
    if (!collection || !item || (key && !index)) throw new Error("MISSING_PARAMS");
    const now = this.now();
    await this.db.insert(ltiStore).values({ collection, ...this.encode(key, item, index), createdAt: now, expiresAt: this.expiresAt(collection, now) });
    return true;
  }

  async Replace(key: Key, collection: string, query: Query, item: Doc, index?: Doc): Promise<boolean> {
    if (!collection || !item || (key && !index)) throw new Error("MISSING_PARAMS");
    const now = this.now();
    const lockKey = `${collection}:${toContainment(query)}`;
    await this.db.transaction(async (tx) => {
      // Serialises two upserts of the same document, so Replace never leaves two rows behind.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
      await tx.delete(ltiStore).where(and(eq(ltiStore.collection, collection), sql`${ltiStore.doc} @> ${toContainment(query)}::jsonb`));
      await tx.insert(ltiStore).values({ collection, ...this.encode(key, item, index), createdAt: now, expiresAt: this.expiresAt(collection, now) });
    });
    return true;
  }

  async Modify(key: Key, collection: string, query: Query, modification: Doc): Promise<boolean> {
    if (!collection || !query || !modification) throw new Error("MISSING_PARAMS");
    const [row] = await this.db.select().from(ltiStore).where(this.live(collection, query)).orderBy(ltiStore.id).limit(1);
    if (!row) return true;
    if (key && row.iv && row.data) {
      const doc = JSON.parse(decryptForLtijs(row.data, row.iv, key)) as Doc;
      const [field, value] = Object.entries(modification)[0] ?? [];
      if (field) doc[field] = value;
      const { iv, data } = encryptForLtijs(JSON.stringify(doc), key);
      await this.db.update(ltiStore).set({ iv, data }).where(eq(ltiStore.id, row.id));
      return true;
    }
    await this.db.update(ltiStore).set({ doc: { ...row.doc, ...modification } }).where(eq(ltiStore.id, row.id));
    return true;
  }

  async Delete(collection: string, query: Query): Promise<boolean> {
    if (!collection || !query) throw new Error("MISSING_PARAMS");
    await this.db.delete(ltiStore).where(and(eq(ltiStore.collection, collection), sql`${ltiStore.doc} @> ${toContainment(query)}::jsonb`));
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
    const gone = await this.db.delete(ltiStore).where(lte(ltiStore.expiresAt, sql`${nowIso}::timestamptz`)).returning({ id: ltiStore.id });
    return gone.length;
  }
}
