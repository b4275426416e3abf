import { queueMessage } from "../../notify/index.js";
import { listZoomHosts, type StudyClassRow } from "../queries.js";
import { classMessageData, hasJoinDetails } from "./class-message-data.js";
import { signLecturerLink } from "./lecturer-link.js";
import { listKnownLocales } from "./queries.js";
import { dayText, rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep, type StepOutcome } from "./step-store.js";

const STEP = "lecturer_reminders";

/** Why a class cannot be in its lecturer's reminder yet (or never: cancelled, already begun). */
function blocker(c: StudyClassRow, now: Date): StepOutcome | null {
  if (c.state === "cancelled") return { state: "skipped", reasonKey: "cancelled" };
  if (now >= c.startsAt) return { state: "skipped", reasonKey: "too_late" };
  if (!c.lecturerEmail.trim()) return { state: "failed", reasonKey: "no_lecturer_email" };
  if (!hasJoinDetails(c)) return { state: "failed", reasonKey: "no_link" };
  return null;
}

/**
 * Step 3: one message per lecturer per study day, listing their classes with time, course, groups and join details,
 * and a signed link to confirm or ask for help. The outbox key is the first of the message's classes
 * (`studyday:<date>:class:<id>:lecturer-reminder:v1`), queued in the same transaction as the classes' rows, so a run
 * repeated (or two workers at once) queues it once. A class added later goes in a message of its own.
 */
export async function sendLecturerReminders(ctx: StepContext): Promise<void> {
  const byLecturer = new Map<string, StudyClassRow[]>();
  for (const c of ctx.classes) {
    if (!needsRun(ctx.rows.get(rowKey(STEP, c.id)), ctx.now, ctx.force)) continue;
    const stop = blocker(c, ctx.now);
    const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: c.id };
    if (stop) await saveStep(ctx.db, key, stop, ctx.now);
    else
      byLecturer.set(c.lecturerEmail.trim().toLowerCase(), [
        ...(byLecturer.get(c.lecturerEmail.trim().toLowerCase()) ?? []),
        c,
      ]);
  }
  if (byLecturer.size === 0) return;
  const hosts = new Map((await listZoomHosts(ctx.db, ctx.platformId)).map((h) => [h.id, h.email]));
  const locales = await listKnownLocales(ctx.db, ctx.platformId);
  for (const [email, classes] of byLecturer) {
    const token = signLecturerLink(
      ctx.deps.linkKey,
      { platformId: ctx.platformId, classDate: ctx.date, email },
      ctx.zone,
    );
    const first = Math.min(...classes.map((c) => c.id));
    await ctx.db.transaction(async (tx) => {
      const queued = await queueMessage(tx, {
        platformId: ctx.platformId,
        kind: "lecturer_reminder",
        dedupeKey: `studyday:${ctx.date}:class:${first}:lecturer-reminder:v1`,
        recipients: [{ email, name: classes[0]!.lecturerName, locale: locales.get(email) ?? "lv" }],
        data: {
          date: ctx.date,
          day: dayText(ctx.date, ctx.zone),
          lecturerName: classes[0]!.lecturerName,
          classes: classes.map((c) =>
            classMessageData(c, c.meetingHostId ? (hosts.get(c.meetingHostId) ?? null) : null),
          ),
          replyUrl: `${ctx.deps.publicUrl.replace(/\/$/, "")}/studyday/l/${token}`,
        },
        channels: ["email"],
        now: ctx.now,
      });
      for (const c of classes)
        await saveStep(
          tx,
          { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: c.id },
          { state: "done", messageId: queued.messageId, result: { recipients: 1, isNew: queued.isNew } },
          ctx.now,
        );
    });
  }
}
