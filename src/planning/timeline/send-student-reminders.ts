import { queueMessage } from "../../notify/index.js";
import type { StudyClassRow } from "../queries.js";
import { classMessageData, hasJoinDetails } from "./class-message-data.js";
import { getClassCourse, listClassStudents, listKnownLocales } from "./queries.js";
import { dayText, rowKey, type StepContext } from "./step-context.js";
import { needsRun, saveStep } from "./step-store.js";

const STEP = "student_reminders";

/**
 * Step 6: the students of each class's course and groups (from the roster Rollbook keeps, filtered by the groups it
 * knows) get the class's time and join details, one outbox message per class
 * (`studyday:<date>:class:<id>:student-reminder:v1`), by the platform's channels for the kind.
 */
export async function sendStudentReminders(ctx: StepContext): Promise<void> {
  let locales: Awaited<ReturnType<typeof listKnownLocales>> | null = null;
  for (const c of ctx.classes) {
    if (!needsRun(ctx.rows.get(rowKey(STEP, c.id)), ctx.now, ctx.force)) continue;
    const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: c.id };
    if (c.state === "cancelled") await saveStep(ctx.db, key, { state: "skipped", reasonKey: "cancelled" }, ctx.now);
    else if (ctx.now >= c.startsAt) await saveStep(ctx.db, key, { state: "skipped", reasonKey: "too_late" }, ctx.now);
    else if (!hasJoinDetails(c)) await saveStep(ctx.db, key, { state: "failed", reasonKey: "no_link" }, ctx.now);
    else {
      locales ??= await listKnownLocales(ctx.db, ctx.platformId);
      await remindClass(ctx, c, locales);
    }
  }
}

async function remindClass(ctx: StepContext, c: StudyClassRow, locales: Map<string, "lv" | "en">): Promise<void> {
  const key = { platformId: ctx.platformId, classDate: ctx.date, step: STEP, classId: c.id };
  const course = await getClassCourse(ctx.db, ctx.platformId, c);
  if (!course)
    return saveStep(
      ctx.db,
      key,
      { state: "failed", reasonKey: "course_unknown", reasonParams: { course: c.courseRef } },
      ctx.now,
    );
  const students = await listClassStudents(ctx.db, course.id, c.groups);
  if (students.length === 0) return saveStep(ctx.db, key, { state: "failed", reasonKey: "no_students" }, ctx.now);
  await ctx.db.transaction(async (tx) => {
    const queued = await queueMessage(tx, {
      platformId: ctx.platformId,
      courseId: course.id,
      kind: "student_reminder",
      dedupeKey: `studyday:${ctx.date}:class:${c.id}:student-reminder:v1`,
      recipients: students.map((s) => ({
        userId: s.userId,
        moodleUserId: s.userId,
        email: s.email,
        name: s.name,
        locale: locales.get(s.userId) ?? "lv",
      })),
      data: { date: ctx.date, day: dayText(ctx.date, ctx.zone), classes: [classMessageData(c, null)] },
      now: ctx.now,
    });
    await saveStep(
      tx,
      key,
      { state: "done", messageId: queued.messageId, result: { recipients: students.length, isNew: queued.isNew } },
      ctx.now,
    );
  });
}
