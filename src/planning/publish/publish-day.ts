import type { MoodleClient } from "moodle-ws-client";
import type { Db } from "../../db/client.js";
import { translator } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import { presentDay } from "../present.js";
import { getPlanningSettings, listDayClasses, listZoomHosts, type StudyClassRow } from "../queries.js";
import type { PublishProblem } from "./class-events.js";
import { moodleLookups } from "./moodle-lookups.js";
import { publishAnnouncement, type AnnouncementOutcome } from "./publish-announcement.js";
import { publishClass, type ClassOutcome, type PublishContext } from "./publish-class.js";
import { publishProblemOf } from "./publish-problem.js";
import { listDayPublications } from "./publication-queries.js";
import { listClassIdsWithEvents, upsertAnnouncementAttempt, upsertClassPublication } from "./publish-queries.js";

/** The whole run: how many classes were tried and how each ended, and the announcement's outcome. */
export interface DayPublishResult {
  total: number;
  published: number;
  removed: number;
  failed: number;
  announcement: AnnouncementOutcome;
}

const CONCURRENCY = 4;

async function attempt(ctx: PublishContext, c: StudyClassRow): Promise<ClassOutcome> {
  try {
    return await publishClass(ctx, c);
  } catch (err) {
    let problem: PublishProblem;
    try {
      problem = publishProblemOf(err);
    } catch {
      problem = { key: "internal" }; // one class's bug must not stop the others; the rest of the day still publishes
    }
    return { status: "failed", problem };
  }
}

async function record(db: Db, c: StudyClassRow, outcome: ClassOutcome, now: Date): Promise<void> {
  const values = {
    status: outcome.status,
    errorKey: outcome.status === "failed" ? outcome.problem.key : null,
    errorParams: outcome.status === "failed" ? (outcome.problem.params ?? null) : null,
    attemptedAt: now,
  };
  await upsertClassPublication(db, c.id, c.platformId, values);
}

async function recordAnnouncement(
  db: Db,
  platformId: string,
  classDate: string,
  outcome: AnnouncementOutcome,
  now: Date,
): Promise<void> {
  const problem = outcome.status === "failed" ? outcome.problem : null;
  const values = {
    status: outcome.status,
    errorKey: problem?.key ?? null,
    errorParams: problem?.params ?? null,
    attemptedAt: now,
  };
  await upsertAnnouncementAttempt(db, platformId, classDate, values);
}

/**
 * Publishes a study day into Moodle: each online class's calendar events (a few classes at a time), then the
 * day plan's announcement. One class's failure is recorded on it and does not stop the others; `onlyFailed`
 * retries just the classes whose last attempt failed.
 */
export async function publishDay(
  db: Db,
  actor: Actor,
  classDate: string,
  client: MoodleClient,
  opts: { now: Date; onlyFailed?: boolean },
): Promise<DayPublishResult> {
  const settings = await getPlanningSettings(db, actor.platformId);
  const rows = await listDayClasses(db, actor.platformId, classDate);
  const withEvents = await listClassIdsWithEvents(
    db,
    rows.map((r) => r.id),
  );
  const failedBefore = new Set(
    (await listDayPublications(db, actor.platformId, classDate))
      .filter((p) => p.status === "failed")
      .map((p) => p.classId),
  );
  const todo = rows.filter((r) => (r.isOnline || withEvents.has(r.id)) && (!opts.onlyFailed || failedBefore.has(r.id)));
  const ctx: PublishContext = {
    db,
    client,
    lookups: moodleLookups(client),
    t: translator(actor.locale),
    now: opts.now,
  };
  const counts = { total: todo.length, published: 0, removed: 0, failed: 0 };
  for (let i = 0; i < todo.length; i += CONCURRENCY) {
    await Promise.all(
      todo.slice(i, i + CONCURRENCY).map(async (c) => {
        const outcome = await attempt(ctx, c);
        await record(db, c, outcome, opts.now);
        counts[outcome.status]++;
      }),
    );
  }
  const fresh = presentDay(
    classDate,
    await listDayClasses(db, actor.platformId, classDate),
    await listZoomHosts(db, actor.platformId),
    settings.timezone,
  );
  const announcement = await publishAnnouncement(ctx, {
    platformId: actor.platformId,
    classDate,
    classes: fresh.online,
    infoCourseRef: settings.infoCourseRef,
    locale: actor.locale,
    zone: settings.timezone,
  });
  await recordAnnouncement(db, actor.platformId, classDate, announcement, opts.now);
  return { ...counts, announcement };
}
