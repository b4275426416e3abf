import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { checkinGuessCounts } from "../db/schema.js";
import { MAX_WRONG_PER_IP, MAX_WRONG_PER_STUDENT, RATE_WINDOW_MS } from "./checkin-guards.js";

/** Whose guesses of one session's code are counted: the student and the address the request came from. */
export interface Guesser {
  sessionId: number;
  userId: string;
  ip: string;
}

const c = checkinGuessCounts;
const mine = (g: Guesser) => `u:${g.userId}`;
const address = (g: Guesser) => `ip:${g.ip.slice(0, 64)}`;
const staleSince = (now: Date) => new Date(now.getTime() - RATE_WINDOW_MS).toISOString();

/** One upsert that raises a counter unless it is at `cap` within RATE_WINDOW_MS; true when it was raised. */
async function raise(db: Db, sessionId: number, who: string, cap: number, now: Date, also = sql`0`) {
  const stale = sql`${c.windowStart} <= ${staleSince(now)}::timestamptz`;
  const [row] = await db
    .insert(c)
    .values({ sessionId, who, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: [c.sessionId, c.who],
      set: {
        count: sql`case when ${stale} then 1 else ${c.count} + 1 end`,
        windowStart: sql`case when ${stale} then excluded.window_start else ${c.windowStart} end`,
      },
      setWhere: sql`${stale} or ${c.count} < ${cap}::int`,
    })
    .returning({ also: sql<number>`(${also})::int` });
  return row;
}

/**
 * Counts one guess of the code for the student before the code is compared, in one statement: at
 * MAX_WRONG_PER_STUDENT within RATE_WINDOW_MS the counter is not raised and the guess is refused. The upsert locks
 * the counter row and re-reads it, so guesses sent at once are counted one after another and at most the cap of
 * them is ever compared, on any number of processes. Refused too when the address is at MAX_WRONG_PER_IP.
 */
export async function reserveGuess(db: Db, g: Guesser, now: Date): Promise<boolean> {
  const fromAddress = sql`coalesce((select ${c.count} from ${c} where ${c.sessionId} = ${g.sessionId} and ${c.who} = ${address(g)} and ${c.windowStart} > ${staleSince(now)}::timestamptz), 0)`;
  const row = await raise(db, g.sessionId, mine(g), MAX_WRONG_PER_STUDENT, now, fromAddress);
  return row !== undefined && row.also < MAX_WRONG_PER_IP;
}

/**
 * Counts a wrong code against the address it came from (whatever the account); false when the address is already
 * at MAX_WRONG_PER_IP, and the guess is then answered as rate-limited. Only wrong codes count, so a lecture hall
 * behind one NAT address checking in at once is never stopped by it.
 */
export async function countWrongFromAddress(db: Db, g: Guesser, now: Date): Promise<boolean> {
  return (await raise(db, g.sessionId, address(g), MAX_WRONG_PER_IP, now)) !== undefined;
}

/** Gives back a guess that was not a wrong code (expired, another session's): only wrong codes use up the limit. */
export async function refundGuess(db: Db, g: Guesser, now: Date): Promise<void> {
  await db
    .update(c)
    .set({ count: sql`greatest(${c.count} - 1, 0)` })
    .where(and(eq(c.sessionId, g.sessionId), eq(c.who, mine(g)), gt(c.windowStart, new Date(staleSince(now)))));
}
