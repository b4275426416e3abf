import { and, count, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import {
  notifyDeliveries,
  notifyKindSettings,
  notifyMessages,
  notifyOptOuts,
  type DeliveryState,
  type NotifyChannel,
} from "../db/schema.js";
import { MESSAGE_KINDS, isMessageKind } from "./kinds.js";

/** A delivery claimed by one sender, with its message. `lease` proves the claim when it is marked. */
export interface ClaimedDelivery {
  id: number;
  channel: NotifyChannel;
  userId: string | null;
  moodleUserId: string | null;
  name: string;
  email: string | null;
  locale: "lv" | "en";
  attempts: number;
  giveUpAt: Date;
  headerId: string;
  lease: Date;
  message: {
    id: number;
    platformId: string;
    courseId: number | null;
    kind: string;
    data: Record<string, unknown>;
    timezone: string;
  };
}

interface ClaimRow {
  id: number;
  message_id: number;
  channel: NotifyChannel;
  user_id: string | null;
  moodle_user_id: string | null;
  name: string;
  email: string | null;
  locale: "lv" | "en";
  attempts: number;
  give_up_at: string | Date;
  header_id: string;
}

/**
 * Claims up to `limit` due deliveries for `leaseMs` (for update skip locked: two senders never take the same row;
 * a sender that dies leaves its rows to be claimed again once the lease ends). Each claim counts as a try.
 */
export async function claimDueDeliveries(
  db: Db,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  if (limit <= 0) return [];
  const lease = new Date(now.getTime() + leaseMs);
  const at = now.toISOString();
  const res = await db.execute(sql`
    update notify_deliveries d
    set lease_until = ${lease.toISOString()}::timestamptz, attempts = d.attempts + 1, updated_at = ${at}::timestamptz
    from (select id from notify_deliveries
          where state in ('queued', 'retrying') and due_at <= ${at}::timestamptz
            and (lease_until is null or lease_until <= ${at}::timestamptz)
          order by due_at, id limit ${limit} for update skip locked) due
    where d.id = due.id
    returning d.id, d.message_id, d.channel, d.user_id, d.moodle_user_id, d.name, d.email, d.locale, d.attempts,
              d.give_up_at, d.header_id`);
  const rows = rowsOf<ClaimRow>(res);
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => Number(r.message_id)))];
  const messages = new Map(
    (await db.select().from(notifyMessages).where(inArray(notifyMessages.id, ids))).map((m) => [m.id, m]),
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      channel: r.channel,
      userId: r.user_id,
      moodleUserId: r.moodle_user_id,
      name: r.name,
      email: r.email,
      locale: r.locale,
      attempts: Number(r.attempts),
      giveUpAt: new Date(r.give_up_at),
      headerId: r.header_id,
      lease,
      message: messages.get(Number(r.message_id))!,
    }))
    .sort((a, b) => a.id - b.id);
}

/** How a delivery ended this time. */
export type DeliveryOutcome =
  | { state: "sent"; moodleMsgId?: number }
  | { state: "failed" | "skipped"; error: string }
  | { state: "retrying"; error: string; dueAt: Date };

/** Records an outcome, only while the claim is still ours (a row whose lease ran out may be another sender's). */
export async function markDelivery(db: Db, d: ClaimedDelivery, outcome: DeliveryOutcome, now: Date): Promise<boolean> {
  const values =
    outcome.state === "sent"
      ? { state: "sent" as const, sentAt: now, lastError: null, moodleMsgId: outcome.moodleMsgId ?? null }
      : outcome.state === "retrying"
        ? { state: "retrying" as const, lastError: outcome.error, dueAt: outcome.dueAt }
        : { state: outcome.state, lastError: outcome.error };
  const done = await db
    .update(notifyDeliveries)
    .set({ ...values, leaseUntil: null, updatedAt: now })
    .where(and(eq(notifyDeliveries.id, d.id), eq(notifyDeliveries.leaseUntil, d.lease)))
    .returning({ id: notifyDeliveries.id });
  return done.length > 0;
}

/** Deliveries handed over in the last minute: what the per-minute cap counts. */
export async function countSentSince(db: Db, since: Date): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifyDeliveries).where(gt(notifyDeliveries.sentAt, since));
  return Number(row?.n ?? 0);
}

/** The opt-outs that concern these deliveries, as `platform|user|kind` keys (one query for a whole batch). */
export async function listOptOutsFor(db: Db, claimed: readonly ClaimedDelivery[]): Promise<Set<string>> {
  const users = [...new Set(claimed.flatMap((d) => (d.userId ? [d.userId] : [])))];
  if (users.length === 0) return new Set();
  const rows = await db.select().from(notifyOptOuts).where(inArray(notifyOptOuts.userId, users));
  return new Set(rows.map((r) => optOutKey(r.platformId, r.userId, r.kind)));
}

/** The key `listOptOutsFor` answers with. */
export const optOutKey = (platformId: string, userId: string, kind: string) =>
  JSON.stringify([platformId, userId, kind]);

/** A kind's settings on a platform, the kind's defaults where the platform chose nothing. */
export async function getKindSettings(db: Db, platformId: string, kind: string) {
  const [row] = await db
    .select()
    .from(notifyKindSettings)
    .where(and(eq(notifyKindSettings.platformId, platformId), eq(notifyKindSettings.kind, kind)));
  const def = isMessageKind(kind) ? MESSAGE_KINDS[kind] : null;
  return {
    channels: row?.channels ?? def?.defaultChannels ?? ["email"],
    isOptOutAllowed: row?.isOptOutAllowed ?? true,
    isStudentReminder: def?.isStudentReminder ?? false,
  };
}

/** The next due delivery (null: nothing waiting). */
export async function nextDeliveryDue(db: Db): Promise<Date | null> {
  const res = await db.execute(
    sql`select min(greatest(due_at, coalesce(lease_until, due_at))) as at from notify_deliveries
        where state in ('queued', 'retrying')`,
  );
  const at = rowsOf<{ at: string | Date | null }>(res)[0]?.at;
  return at ? new Date(at) : null;
}

export type { DeliveryState };
