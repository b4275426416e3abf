import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { notifyDeliveries, timelineSteps } from "../../db/schema.js";

const REMINDER_STEPS = ["lecturer_reminders", "student_reminders"];

/**
 * The deliveries of each class's reminders (the lecturer's and the students'), by class id: sent, failed, and
 * waiting (queued or retrying). A lecturer's message lists all their classes, so it counts for each of them.
 */
export async function listReminderDeliveries(db: Db, platformId: string, date: string) {
  const rows = await db
    .select({ classId: timelineSteps.classId, state: notifyDeliveries.state, n: sql<number>`count(*)::int` })
    .from(timelineSteps)
    .innerJoin(notifyDeliveries, eq(notifyDeliveries.messageId, timelineSteps.messageId))
    .where(
      and(
        eq(timelineSteps.platformId, platformId),
        eq(timelineSteps.classDate, date),
        inArray(timelineSteps.step, REMINDER_STEPS),
      ),
    )
    .groupBy(timelineSteps.classId, notifyDeliveries.state);
  const out = new Map<number, { sent: number; failed: number; waiting: number }>();
  for (const r of rows) {
    const m = out.get(r.classId) ?? { sent: 0, failed: 0, waiting: 0 };
    if (r.state === "sent") m.sent += Number(r.n);
    else if (r.state === "failed") m.failed += Number(r.n);
    else if (r.state !== "skipped") m.waiting += Number(r.n);
    out.set(r.classId, m);
  }
  return out;
}
