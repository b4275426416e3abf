import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { followupContacts } from "../db/schema.js";
import type { Actor } from "../lti/actor.js";
import { queueMessage } from "../notify/index.js";
import type { RecordContactInput } from "./schemas.js";
import { requireStudentScope } from "./student-scope.js";

const DAY_MS = 24 * 3_600_000;

/**
 * Records a contact with a student (who, when, how, a note) and, for a message, queues it to the student
 * through the outbox in the same transaction. "Being followed" for N days stops further warnings to the mentors
 * about this student in this activity until then (the student and the lecturers still get theirs).
 */
export async function recordContact(
  db: Db,
  actor: Actor,
  targetActivityId: number,
  userId: string,
  input: RecordContactInput,
  now: Date,
): Promise<number> {
  const { activity, student } = await requireStudentScope(db, actor, targetActivityId, userId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(followupContacts)
      .values({
        activityId: activity.activityId,
        userId: student.userId,
        channel: input.channel,
        note: input.note,
        byUserId: actor.userId,
        byName: actor.name,
        contactedAt: now,
        followUntil: input.followDays > 0 ? new Date(now.getTime() + input.followDays * DAY_MS) : null,
      })
      .returning({ id: followupContacts.id });
    if (input.channel === "message") {
      const q = await queueMessage(tx, {
        platformId: activity.platformId,
        courseId: activity.courseId,
        kind: "followup-contact",
        dedupeKey: `followup:contact:${row!.id}`,
        recipients: [
          {
            userId: student.userId,
            moodleUserId: student.userId,
            email: student.email,
            name: student.name,
            locale: student.locale ?? undefined,
          },
        ],
        data: { body: input.message, fromName: actor.name, courseTitle: activity.courseTitle },
        now,
      });
      if (q.messageId !== null)
        await tx.update(followupContacts).set({ messageId: q.messageId }).where(eq(followupContacts.id, row!.id));
    }
    return row!.id;
  });
}
