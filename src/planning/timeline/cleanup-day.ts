import { and, eq, inArray } from "drizzle-orm";
import { studyClasses, publishedEvents, publishedAnnouncements } from "../../db/schema.js";
import { translator } from "../../i18n/i18n.js";
import { rewriteMessageData } from "../../notify/index.js";
import { moodleLookups } from "../publish/moodle-lookups.js";
import { removeAnnouncement } from "../publish/publish-announcement.js";
import { removeClassEvents } from "../publish/publish-class.js";
import { publishProblemOf } from "../publish/publish-problem.js";
import { withoutJoinDetails } from "./class-message-data.js";
import { deleteDayMeetings } from "./cleanup-meetings.js";
import { getTimelineConfig } from "./queries.js";
import { rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep } from "./step-store.js";

const STEP = "cleanup";

/**
 * Step 11 at T+3: the Moodle calendar events and the day's announcement (which carry the join details) are deleted
 * through the publishing calls, then the join links and passcodes are purged from study_classes and from the stored
 * data of the day's outbox messages (the outbox page shows them without join details). Meeting ids in
 * study_classes (for the participants reports), the plan and the counts stay. With cleanup_deletes_meetings the
 * day's Zoom meetings are deleted too (cleanup-meetings.ts). A Moodle or Zoom failure leaves the purge for the next try.
 */
export async function cleanupDay(ctx: StepContext): Promise<void> {
  if (!needsRun(ctx.rows.get(rowKey(STEP, 0)), ctx.now, ctx.force)) return;
  const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: 0 };
  const ids = ctx.classes.map((c) => c.id);
  const events = ids.length
    ? await ctx.db
        .select({ classId: publishedEvents.classId })
        .from(publishedEvents)
        .where(inArray(publishedEvents.classId, ids))
    : [];
  const [announcement] = await ctx.db
    .select({ d: publishedAnnouncements.discussionId })
    .from(publishedAnnouncements)
    .where(and(eq(publishedAnnouncements.platformId, ctx.platformId), eq(publishedAnnouncements.classDate, ctx.date)));
  let removed = 0;
  let announcementRemoved = false;
  if (events.length > 0 || announcement) {
    const client = await ctx.deps.moodle(ctx.platformId);
    if (!client) return saveStep(ctx.db, key, { state: "failed", reasonKey: "not_connected" }, ctx.now);
    const pctx = { db: ctx.db, client, lookups: moodleLookups(client), t: translator("lv"), now: ctx.now };
    try {
      for (const classId of new Set(events.map((e) => e.classId))) removed += await removeClassEvents(pctx, classId);
      announcementRemoved = await removeAnnouncement(pctx, ctx.platformId, ctx.date);
    } catch (err) {
      const problem = publishProblemOf(err);
      return saveStep(
        ctx.db,
        key,
        { state: "failed", reasonKey: "moodle_failed", reasonParams: { key: problem.key } },
        ctx.now,
      );
    }
  }
  const { cleanup } = await getTimelineConfig(ctx.db, ctx.platformId, ctx.date);
  const meetings = cleanup.deletesMeetings ? await deleteDayMeetings(ctx) : { deleted: 0 };
  if ("failed" in meetings) {
    const outcome = { state: "failed" as const, reasonKey: "zoom_failed", reasonParams: { kind: meetings.failed } };
    return saveStep(ctx.db, key, outcome, ctx.now);
  }
  const purged = await ctx.db
    .update(studyClasses)
    .set({ joinUrl: null, passcode: null, manualUrl: null, updatedAt: ctx.now })
    .where(and(eq(studyClasses.platformId, ctx.platformId), eq(studyClasses.classDate, ctx.date)))
    .returning({ id: studyClasses.id });
  const messagesPurged = await rewriteMessageData(ctx.db, ctx.platformId, `studyday:${ctx.date}:`, withoutJoinDetails);
  await saveStep(
    ctx.db,
    key,
    {
      state: "done",
      result: {
        eventsRemoved: removed,
        announcementRemoved,
        meetingsDeleted: meetings.deleted,
        purged: purged.length,
        messagesPurged,
      },
    },
    ctx.now,
  );
}
