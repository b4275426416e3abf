import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { timelineSteps } from "../../db/schema.js";
import { queueMessage } from "../../notify/index.js";
import { getPlanningSettings, type StudyClassRow } from "../queries.js";
import { classMessageData } from "./class-message-data.js";
import { getClassCourse, listClassStudents, listKnownLocales } from "./queries.js";
import { dayText } from "./step-context.js";
import { saveStep } from "./step-store.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * A class cancelled after its reminders went: its lecturer and its students get a cancellation at once, in the
 * cancelling transaction (`studyday:<date>:class:<id>:cancelled-lecturer:v1` / `...:cancelled-students:v1`), and
 * the day's publishing is due again so its Moodle events are removed at the next pass. Nobody who was never told
 * about the class is told it is off.
 */
export async function queueCancellation(tx: Tx, c: StudyClassRow, now: Date): Promise<void> {
  const told = await tx
    .select({ step: timelineSteps.step })
    .from(timelineSteps)
    .where(
      and(
        eq(timelineSteps.platformId, c.platformId),
        eq(timelineSteps.classDate, c.classDate),
        eq(timelineSteps.classId, c.id),
        eq(timelineSteps.state, "done"),
        inArray(timelineSteps.step, ["lecturer_reminders", "student_reminders"]),
      ),
    );
  const steps = new Set(told.map((r) => r.step));
  const db = tx as unknown as Db;
  const { timezone } = await getPlanningSettings(db, c.platformId);
  const locales = steps.size ? await listKnownLocales(db, c.platformId) : new Map<string, "lv" | "en">();
  const data = { date: c.classDate, day: dayText(c.classDate, timezone), classes: [classMessageData(c, null)] };
  const base = { platformId: c.platformId, kind: "class_cancelled" as const, data, now };
  let lecturer = 0;
  let students = 0;
  if (steps.has("lecturer_reminders") && c.lecturerEmail.trim()) {
    const email = c.lecturerEmail.trim().toLowerCase();
    await queueMessage(tx, {
      ...base,
      dedupeKey: `studyday:${c.classDate}:class:${c.id}:cancelled-lecturer:v1`,
      recipients: [{ email, name: c.lecturerName, locale: locales.get(email) ?? "lv" }],
      channels: ["email"],
    });
    lecturer = 1;
  }
  const course = steps.has("student_reminders") ? await getClassCourse(tx, c.platformId, c) : null;
  if (course) {
    const list = await listClassStudents(tx, course.id, c.groups);
    await queueMessage(tx, {
      ...base,
      courseId: course.id,
      dedupeKey: `studyday:${c.classDate}:class:${c.id}:cancelled-students:v1`,
      recipients: list.map((s) => ({
        userId: s.userId,
        moodleUserId: s.userId,
        email: s.email,
        name: s.name,
        locale: locales.get(s.userId) ?? "lv",
      })),
    });
    students = list.length;
  }
  const key = { platformId: c.platformId, classDate: c.classDate, step: "cancellation", classId: c.id };
  await saveStep(tx, key, { state: "done", result: { lecturer, students } }, now);
  // the day's publishing runs again (its rows are idempotent): the cancelled class's events go at the next pass
  await tx
    .update(timelineSteps)
    .set({ state: "pending", attempts: 0, nextTryAt: null, updatedAt: now })
    .where(
      and(
        eq(timelineSteps.platformId, c.platformId),
        eq(timelineSteps.classDate, c.classDate),
        eq(timelineSteps.step, "publish"),
        inArray(timelineSteps.state, ["done", "failed"]),
      ),
    );
}
