import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  moodleAttendanceLinks,
  moodleConnections,
  moodleGroupSyncs,
  moodleMessageRecipients,
  moodleMessageRequests,
} from "../db/schema.js";
import type { Actor } from "../lti/actor.js";

export type ConnectionRow = typeof moodleConnections.$inferSelect;
export type MessageRequestRow = typeof moodleMessageRequests.$inferSelect;
export type MessageRecipientRow = typeof moodleMessageRecipients.$inferSelect;

/** A platform's stored connection (the token still sealed), or null when none is stored. */
export async function getConnection(db: Db, platformId: string): Promise<ConnectionRow | null> {
  const [row] = await db.select().from(moodleConnections).where(eq(moodleConnections.platformId, platformId)).limit(1);
  return row ?? null;
}

/** A message request of the actor's course by its request id; another course's request answers null. */
export async function getMessageRequest(db: Db, actor: Actor, requestId: string): Promise<MessageRequestRow | null> {
  const [row] = await db
    .select()
    .from(moodleMessageRequests)
    .where(and(eq(moodleMessageRequests.courseId, actor.courseId), eq(moodleMessageRequests.requestId, requestId)))
    .limit(1);
  return row ?? null;
}

/** The recipients of a message request with their outcome. */
export async function listMessageRecipients(db: Db, messageRequestId: number): Promise<MessageRecipientRow[]> {
  return db
    .select()
    .from(moodleMessageRecipients)
    .where(eq(moodleMessageRecipients.messageRequestId, messageRequestId))
    .orderBy(asc(moodleMessageRecipients.userId));
}

/** The course's last Moodle group sync, or null when it never ran. */
export async function getGroupSync(db: Db, courseId: number): Promise<typeof moodleGroupSyncs.$inferSelect | null> {
  const [row] = await db.select().from(moodleGroupSyncs).where(eq(moodleGroupSyncs.courseId, courseId));
  return row ?? null;
}

/** The activity's link to one Moodle Attendance activity in one direction (with its last result), or null. */
export async function getAttendanceLink(
  db: Db,
  activityId: number,
  direction: "import" | "export",
  moodleAttendanceId: number,
): Promise<typeof moodleAttendanceLinks.$inferSelect | null> {
  const [link] = await db
    .select()
    .from(moodleAttendanceLinks)
    .where(
      and(
        eq(moodleAttendanceLinks.activityId, activityId),
        eq(moodleAttendanceLinks.direction, direction),
        eq(moodleAttendanceLinks.moodleAttendanceId, String(moodleAttendanceId)),
      ),
    );
  return link ?? null;
}
