import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { z } from "zod";
import type { AttendanceEvents } from "../ports.js";
import type { Db } from "../../db/client.js";
import { attendanceSessions } from "../../db/schema.js";
import type { Actor } from "../../lti/actor.js";
import { enqueueAllGrades } from "../grades/enqueue-grades.js";
import { authorize } from "../policy.js";
import { requireActivity } from "../../activities/index.js";
import type { SessionRow } from "./queries.js";

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0),
  );

export const bulkChangeSchema = z.object({
  sessionIds: ids.pipe(z.array(z.number()).min(1, { error: "attendance.validation.choose_sessions" })),
  action: z.enum(["delete", "retime"], { error: "errors.invalid" }),
  startTime: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "attendance.validation.time" })
        .nullable(),
    ),
  durationMinutes: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .pipe(
      z
        .number({ error: "validation.number" })
        .int({ error: "attendance.validation.whole_number" })
        .min(5, { error: "attendance.validation.duration" })
        .max(1440, { error: "attendance.validation.duration" })
        .nullable(),
    ),
});
export type BulkChangeInput = z.infer<typeof bulkChangeSchema>;

/** A session's new start and end: the same local date, the new local start time and/or duration (pure). */
export function retimed(
  s: Pick<SessionRow, "startsAt" | "endsAt">,
  startTime: string | null,
  durationMinutes: number | null,
  zone: string,
): { startsAt: Date; endsAt: Date } {
  const oldStart = DateTime.fromJSDate(s.startsAt, { zone });
  const [hour, minute] = (startTime ?? oldStart.toFormat("HH:mm")).split(":").map(Number);
  const start = oldStart.set({ hour, minute });
  const minutes = durationMinutes ?? Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60000);
  return { startsAt: start.toJSDate(), endsAt: start.plus({ minutes }).toJSDate() };
}

/** Deletes the chosen sessions (with their marks), or moves them to a new local start time and/or duration. Ids of other activities are ignored. */
export async function bulkChangeSessions(
  db: Db,
  actor: Actor,
  activityId: number,
  input: BulkChangeInput,
  now: Date,
  events: AttendanceEvents,
): Promise<number> {
  authorize(actor, "attendance.manage");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const mine = and(eq(attendanceSessions.activityId, activityId), inArray(attendanceSessions.id, input.sessionIds));
  if (input.action === "delete") {
    const deleted = await db.delete(attendanceSessions).where(mine).returning({ id: attendanceSessions.id });
    await enqueueAllGrades(db, activity, course.id, now);
    await events.sessionsChanged(
      db,
      actor,
      deleted.map((d) => d.id),
      now,
    );
    return deleted.length;
  }
  const rows = await db.select().from(attendanceSessions).where(mine);
  await db.transaction(async (tx) => {
    for (const s of rows)
      await tx
        .update(attendanceSessions)
        .set({ ...retimed(s, input.startTime, input.durationMinutes, course.timezone), updatedAt: now })
        .where(eq(attendanceSessions.id, s.id));
  });
  await events.sessionsChanged(
    db,
    actor,
    rows.map((s) => s.id),
    now,
  );
  return rows.length;
}
