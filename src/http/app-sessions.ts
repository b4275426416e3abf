import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { appSessions } from "../db/schema.js";
import type { Actor } from "../lti/actor.js";
import type { LaunchToken } from "../lti/ltijs-types.js";

export interface NewAppSession {
  browserId: string;
  kind: "resource" | "deeplink";
  actor: Actor;
  launchToken?: LaunchToken;
}

/** Stores the actor of a verified launch for this browser; returns the session id. */
export async function createAppSession(db: Db, input: NewAppSession, now: Date, ttlHours: number): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db.insert(appSessions).values({
    id,
    browserId: input.browserId,
    kind: input.kind,
    activityId: input.actor.activityId,
    actor: input.actor,
    launchToken: input.launchToken ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlHours * 3600_000),
  });
  return id;
}

/** The newest live launch of this browser into this activity, or null (a session of another browser never matches). */
export async function findActivityActor(
  db: Db,
  browserId: string,
  activityId: number,
  now: Date,
): Promise<Actor | null> {
  const [row] = await db
    .select({ actor: appSessions.actor })
    .from(appSessions)
    .where(
      and(
        eq(appSessions.browserId, browserId),
        eq(appSessions.activityId, activityId),
        eq(appSessions.kind, "resource"),
        gt(appSessions.expiresAt, now),
      ),
    )
    .orderBy(desc(appSessions.createdAt))
    .limit(1);
  return row ? (row.actor as Actor) : null;
}

/** A deep-linking session by id, only for the browser that launched it. */
export async function findDeepLinkSession(
  db: Db,
  browserId: string,
  sessionId: string,
  now: Date,
): Promise<{ actor: Actor; launchToken: LaunchToken } | null> {
  const [row] = await db
    .select()
    .from(appSessions)
    .where(
      and(
        eq(appSessions.id, sessionId),
        eq(appSessions.browserId, browserId),
        eq(appSessions.kind, "deeplink"),
        gt(appSessions.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row || !row.launchToken) return null;
  return { actor: row.actor as Actor, launchToken: row.launchToken as LaunchToken };
}

/**
 * Moves one person's sessions from a browser's previous id to its new one (a lecturer with two courses open keeps
 * both after the second launch). Sessions of anyone else stay behind on the old id, which the browser no longer
 * holds: a launch by another person in the same browser does not inherit them.
 */
export async function moveUserSessions(
  db: Db,
  from: string,
  to: string,
  who: { platformId: string; userId: string },
): Promise<void> {
  await db
    .update(appSessions)
    .set({ browserId: to })
    .where(
      and(
        eq(appSessions.browserId, from),
        sql`${appSessions.actor}->>'platformId' = ${who.platformId}`,
        sql`${appSessions.actor}->>'userId' = ${who.userId}`,
      ),
    );
}

/** Deletes expired sessions; returns how many. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(appSessions).where(lte(appSessions.expiresAt, now)).returning({ id: appSessions.id });
  return gone.length;
}
