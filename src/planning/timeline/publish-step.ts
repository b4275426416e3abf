import type { Actor } from "../../lti/actor.js";
import { publishDay } from "../publish/publish-day.js";
import { rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep } from "./step-store.js";

const STEP = "publish";

/** The timeline's own actor: publishing reads only the platform and writes in the platform's language. */
export function systemActor(platformId: string): Actor {
  return {
    platformId,
    issuer: "",
    clientId: "",
    deploymentId: "",
    courseId: 0,
    contextId: "",
    courseTitle: "",
    courseLabel: "",
    activityId: 0,
    resourceLinkId: "",
    userId: "rollbook:timeline",
    moodleUserId: "",
    name: "Rollbook",
    email: "",
    roles: [],
    isLecturer: false,
    isStudent: false,
    isAdmin: false,
    locale: "lv",
    returnUrl: null,
  };
}

/**
 * Steps 4-5 at T-3: the publishing that exists (calendar events, the announcement with the PDF) runs by itself.
 * Publishing is idempotent (fingerprints), so running it again changes nothing; after a failure the next try
 * retries only the failed classes. Skipped once the day is over.
 */
export async function publishStep(ctx: StepContext): Promise<void> {
  const row = ctx.rows.get(rowKey(STEP, 0));
  if (!needsRun(row, ctx.now, ctx.force)) return;
  const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: 0 };
  const lastEnd = Math.max(...ctx.classes.map((c) => c.endsAt.getTime()));
  if (ctx.now.getTime() >= lastEnd) return saveStep(ctx.db, key, { state: "skipped", reasonKey: "too_late" }, ctx.now);
  const client = await ctx.deps.moodle(ctx.platformId);
  if (!client) return saveStep(ctx.db, key, { state: "failed", reasonKey: "not_connected" }, ctx.now);
  const r = await publishDay(ctx.db, systemActor(ctx.platformId), ctx.date, client, {
    now: ctx.now,
    onlyFailed: row?.state === "failed",
  });
  const result = {
    total: r.total,
    published: r.published,
    removed: r.removed,
    failed: r.failed,
    announcement: r.announcement.status,
  };
  const isFailed = r.failed > 0 || r.announcement.status === "failed";
  await saveStep(
    ctx.db,
    key,
    isFailed
      ? { state: "failed", reasonKey: "publish_failed", reasonParams: { failed: r.failed, total: r.total }, result }
      : { state: "done", result },
    ctx.now,
  );
}
