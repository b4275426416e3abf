import { requireActivity } from "../activities/index.js";
import { getSession, listExpectedSessions } from "../attendance/index.js";
import type { Db } from "../db/client.js";
import { excuseFiles, excuses } from "../db/schema.js";
import { Invalid } from "../errors.js";
import type { UploadedFile } from "../http/multipart.js";
import type { Actor } from "../lti/actor.js";
import { queueMessage } from "../notify/index.js";
import { checkExcuseFile, cleanFileName } from "./excuse-file.js";
import { requestMessage } from "./messages.js";
import { authorize } from "./policy.js";
import { getMember, listLecturers, listOpenSessionIds } from "./queries.js";
import type { SubmitExcuseInput } from "./schemas.js";

/** A refusal the form shows at its field (`details.field`), keeping what the student typed. */
const refuse = (field: string, key: string) => Invalid(`excuses.validation.${key}`, { field });

/**
 * Saves a student's excuse request for one of their sessions (past or coming), with the file if one came, and
 * tells the lecturers through the outbox in the same transaction. A session they are not expected at, or one
 * they already have a waiting or approved request for, is refused at its field.
 */
export async function submitExcuse(
  db: Db,
  actor: Actor,
  activityId: number,
  input: SubmitExcuseInput,
  file: UploadedFile | null,
  now: Date,
): Promise<number> {
  authorize(actor, "excuses.submit");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const mine = await listExpectedSessions(db, course.id, activity.id, actor.userId);
  const session = mine.some((s) => s.id === input.sessionId)
    ? await getSession(db, activity.id, input.sessionId)
    : null;
  if (!session) throw refuse("sessionId", "session");
  if ((await listOpenSessionIds(db, activity.id, actor.userId)).has(session.id)) throw refuse("sessionId", "already");
  const kept = file && (file.bytes.length > 0 || file.fileName.trim() !== "") ? file : null;
  const refusal = kept ? checkExcuseFile({ fileName: kept.fileName, size: kept.bytes.length }) : null;
  if (refusal) throw refuse("file", refusal);
  const [student, lecturers] = await Promise.all([
    getMember(db, course.id, actor.userId),
    listLecturers(db, course.id),
  ]);
  if (!student) throw refuse("sessionId", "session");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(excuses)
      .values({
        activityId: activity.id,
        sessionId: session.id,
        userId: actor.userId,
        reason: input.reason,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw refuse("sessionId", "already"); // the same request sent twice at once
    if (kept)
      await tx.insert(excuseFiles).values({
        excuseId: row.id,
        fileName: cleanFileName(kept.fileName),
        size: kept.bytes.length,
        bytes: kept.bytes,
      });
    const message = requestMessage({ excuse: row, session, course, activity }, student, lecturers, !!kept);
    if (message) await queueMessage(tx, { platformId: course.platformId, courseId: course.id, now, ...message });
    return row.id;
  });
}
