import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { timelineSteps } from "../../db/schema.js";
import { queueMessage } from "../../notify/index.js";
import { getPlanningSettings, type StudyClassRow } from "../queries.js";
import { classMessageData } from "./class-message-data.js";
import { getClassCourse, listClassStudents, listKnownLocales } from "./queries.js";
import { dayText } from "./step-context.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The change-log fields people are told about, as the templates name them. */
const TOLD: Record<string, string> = {
  startsAt: "time",
  endsAt: "time",
  lecturerName: "lecturer",
  lecturerEmail: "lecturer",
  groups: "groups",
  manualUrl: "link",
  linkMode: "link",
};

/**
 * A class changed after its reminders went (time, lecturer, groups or link): whoever was told gets a "changed"
 * message at once, in the editing transaction, naming what changed and giving the class as it is now. A lecturer
 * who was replaced is told as well. Key `studyday:<date>:class:<id>:changed:<time of the change>:v1`.
 */
export async function queueChange(
  tx: Tx,
  before: StudyClassRow,
  after: StudyClassRow,
  diff: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const changed = [
    ...new Set(
      Object.keys(diff)
        .map((k) => TOLD[k])
        .filter((x): x is string => Boolean(x)),
    ),
  ];
  if (changed.length === 0) return;
  const told = await tx
    .select({ step: timelineSteps.step })
    .from(timelineSteps)
    .where(
      and(
        eq(timelineSteps.platformId, after.platformId),
        eq(timelineSteps.classDate, after.classDate),
        eq(timelineSteps.classId, after.id),
        eq(timelineSteps.state, "done"),
        inArray(timelineSteps.step, ["lecturer_reminders", "student_reminders"]),
      ),
    );
  const steps = new Set(told.map((r) => r.step));
  if (steps.size === 0) return;
  const db = tx as unknown as Db;
  const { timezone } = await getPlanningSettings(db, after.platformId);
  const locales = await listKnownLocales(db, after.platformId);
  const data = {
    date: after.classDate,
    day: dayText(after.classDate, timezone),
    changed,
    classes: [classMessageData(after, null)],
  };
  const key = (who: string) => `studyday:${after.classDate}:class:${after.id}:changed:${now.getTime()}:${who}:v1`;
  if (steps.has("lecturer_reminders")) {
    const emails = [
      ...new Set([before.lecturerEmail, after.lecturerEmail].map((e) => e.trim().toLowerCase()).filter(Boolean)),
    ];
    await queueMessage(tx, {
      platformId: after.platformId,
      kind: "class_changed",
      dedupeKey: key("lecturer"),
      recipients: emails.map((email) => ({
        email,
        name: email === after.lecturerEmail.trim().toLowerCase() ? after.lecturerName : before.lecturerName,
        locale: locales.get(email) ?? "lv",
      })),
      data,
      channels: ["email"],
      now,
    });
  }
  const course = steps.has("student_reminders") ? await getClassCourse(tx, after.platformId, after) : null;
  if (!course) return;
  const students = await listClassStudents(tx, course.id, after.groups);
  await queueMessage(tx, {
    platformId: after.platformId,
    courseId: course.id,
    kind: "class_changed",
    dedupeKey: key("students"),
    recipients: students.map((s) => ({
      userId: s.userId,
      moodleUserId: s.userId,
      email: s.email,
      name: s.name,
      locale: locales.get(s.userId) ?? "lv",
    })),
    data,
    now,
  });
}
