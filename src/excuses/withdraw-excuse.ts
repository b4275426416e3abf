import { and, eq } from "drizzle-orm";
import { requireActivity } from "../activities/index.js";
import { getSession } from "../attendance/index.js";
import type { Db } from "../db/client.js";
import { excuses } from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { queueMessage } from "../notify/index.js";
import { withdrawnMessage } from "./messages.js";
import { authorize } from "./policy.js";
import { getExcuse, getMember, listLecturers, listRequestReached } from "./queries.js";

/**
 * A student takes back their own request while it waits; withdrawing twice changes nothing, a decided one stays
 * decided. Another student's request is NotFound. The lecturers' message, if not sent yet, is then skipped; the
 * lecturers it already reached are told of the withdrawal (outbox, same transaction).
 */
export async function withdrawExcuse(db: Db, actor: Actor, activityId: number, excuseId: number, now: Date) {
  authorize(actor, "excuses.submit");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const excuse = await getExcuse(db, activity.id, excuseId);
  if (!excuse || excuse.userId !== actor.userId) throw NotFound();
  if (excuse.state === "withdrawn") return;
  const [session, student, lecturers] = await Promise.all([
    getSession(db, activity.id, excuse.sessionId),
    getMember(db, course.id, actor.userId),
    listLecturers(db, course.id),
  ]);
  await db.transaction(async (tx) => {
    const [done] = await tx
      .update(excuses)
      .set({ state: "withdrawn", updatedAt: now })
      .where(and(eq(excuses.id, excuse.id), eq(excuses.state, "waiting")))
      .returning({ id: excuses.id });
    if (!done) throw Conflict("excuses.errors.already_decided");
    if (!session || !student) return;
    const reached = (await listRequestReached(tx, course.platformId, excuse.id)).flatMap((r) => r.userId ?? []);
    const message = withdrawnMessage({ excuse, session, course, activity }, student, lecturers, reached);
    if (message) await queueMessage(tx, { platformId: course.platformId, courseId: course.id, now, ...message });
  });
}
