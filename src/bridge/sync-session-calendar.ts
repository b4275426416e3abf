import { eq } from "drizzle-orm";
import { createCalendarEvents, deleteCalendarEvents, MoodleNotFoundError, type MoodleClient } from "moodle-ws-client";
import type { Db } from "../db/client.js";
import { moodleSessionCalendar, moodleSessionEvents, type SessionCalendarStatus } from "../db/schema.js";
import { bridgeProblemOf, type BridgeProblem } from "./bridge-problem.js";
import {
  getSessionCalendar,
  getSessionForCalendar,
  listSessionEvents,
  type SessionEventRow,
} from "./calendar-queries.js";
import { findLostEvent } from "./find-lost-event.js";
import { getMoodleClient, type MoodleClientTuning } from "./get-moodle-client.js";
import { sessionEvents, type DesiredSessionEvent } from "./session-events.js";
import { moodleCourseIdOf } from "./sync-course-groups.js";

/** What one run did; `problem` is set when it failed (then `retry` says whether trying again may help). */
export interface SessionCalendarOutcome {
  status: SessionCalendarStatus | "idle";
  created: number;
  deleted: number;
  problem: BridgeProblem | null;
}

// Deletes one event in Moodle, then its row; an event someone already deleted in Moodle counts as deleted.
async function removeEvent(db: Db, client: MoodleClient, row: SessionEventRow): Promise<void> {
  try {
    await deleteCalendarEvents(client, [{ eventid: Number(row.moodleEventId), repeat: false }]);
  } catch (err) {
    if (!(err instanceof MoodleNotFoundError)) throw err;
  }
  await db.delete(moodleSessionEvents).where(eq(moodleSessionEvents.id, row.id));
}

async function createEvent(
  db: Db,
  client: MoodleClient,
  sessionId: number,
  want: DesiredSessionEvent,
  now: Date,
  lostAnswer: boolean,
): Promise<void> {
  const tracked = lostAnswer
    ? new Set(
        (
          await db
            .select({ id: moodleSessionEvents.moodleEventId })
            .from(moodleSessionEvents)
            .where(eq(moodleSessionEvents.moodleCourseId, String(want.event.courseid)))
        ).map((r) => Number(r.id)),
      )
    : null;
  const adopted = tracked ? await findLostEvent(client, want, tracked) : null;
  const id = adopted ?? (await createCalendarEvents(client, [want.event], { strict: true })).events[0]?.id;
  if (id === undefined) throw new Error("core_calendar_create_calendar_events answered no event and no warning");
  await db.insert(moodleSessionEvents).values({
    sessionId,
    moodleCourseId: String(want.event.courseid),
    moodleGroupId: want.groupId === null ? null : String(want.groupId),
    moodleEventId: String(id),
    fingerprint: want.fingerprint,
    createdAt: now,
  });
}

async function reconcile(
  db: Db,
  client: MoodleClient,
  sessionId: number,
  now: Date,
  lostAnswer: boolean,
): Promise<Omit<SessionCalendarOutcome, "problem">> {
  const session = await getSessionForCalendar(db, sessionId);
  const moodleCourseId = session ? moodleCourseIdOf(session.contextId) : null;
  const wanted = session && moodleCourseId !== null ? sessionEvents(session, moodleCourseId) : [];
  const existing = await listSessionEvents(db, sessionId);
  const isCurrent = (r: SessionEventRow) => wanted.some((w) => w.fingerprint === r.fingerprint);
  const stale = existing.filter((r) => !isCurrent(r));
  for (const row of stale) await removeEvent(db, client, row);
  const kept = new Set(existing.filter(isCurrent).map((r) => r.fingerprint));
  const missing = wanted.filter((w) => !kept.has(w.fingerprint));
  for (const want of missing) await createEvent(db, client, sessionId, want, now, lostAnswer);
  return { status: wanted.length > 0 ? "synced" : "removed", created: missing.length, deleted: stale.length };
}

async function setState(
  db: Db,
  sessionId: number,
  status: SessionCalendarStatus,
  now: Date,
  problem: BridgeProblem | null,
  attempts?: number,
) {
  await db
    .update(moodleSessionCalendar)
    .set({
      status,
      updatedAt: now,
      errorKey: problem?.key ?? null,
      errorParams: problem?.params ?? null,
      ...(attempts === undefined ? {} : { attempts }),
    })
    .where(eq(moodleSessionCalendar.sessionId, sessionId));
}

/**
 * Brings one session's Moodle calendar events in line with the session: unchanged events stay, changed ones are
 * deleted and made again (core_calendar has no update), a deleted session loses its events. Every created event
 * id is stored right after Moodle's answer, so a failure half-way neither duplicates nor orphans anything.
 * Safe to run any number of times; a Moodle failure is recorded on the session's row and returned.
 */
export async function syncSessionCalendar(
  db: Db,
  encryptionKey: string,
  sessionId: number,
  now: Date,
  tuning?: MoodleClientTuning,
): Promise<SessionCalendarOutcome> {
  const state = await getSessionCalendar(db, sessionId);
  if (!state) return { status: "idle", created: 0, deleted: 0, problem: null };
  const client = await getMoodleClient(db, encryptionKey, state.platformId, tuning);
  if (!client) {
    await setState(db, sessionId, "not_connected", now, null);
    return { status: "not_connected", created: 0, deleted: 0, problem: null };
  }
  try {
    // The last try may have reached Moodle before it failed: look before creating again.
    const done = await reconcile(db, client, sessionId, now, state.errorKey === "unavailable");
    await setState(db, sessionId, done.status as SessionCalendarStatus, now, null, 0);
    return { ...done, problem: null };
  } catch (err) {
    const problem = bridgeProblemOf(err);
    await setState(db, sessionId, "failed", now, problem, state.attempts + 1);
    return { status: "failed", created: 0, deleted: 0, problem };
  }
}
