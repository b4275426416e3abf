import { and, eq } from "drizzle-orm";
import { requireActivity } from "../activities/index.js";
import { getExcusedStatus, getSession, recordMarks } from "../attendance/index.js";
import type { Db } from "../db/client.js";
import { excuses } from "../db/schema.js";
import { Conflict, Invalid, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { queueMessage } from "../notify/index.js";
import { decisionMessage } from "./messages.js";
import { authorize } from "./policy.js";
import { getExcuse, getMember } from "./queries.js";
import type { DecideExcuseInput } from "./schemas.js";

/** What a decision did: "decided" now, or "already" (the same decision was made before: nothing happens twice). */
export type DecideOutcome = "decided" | "already";

/**
 * A lecturer approves or refuses a waiting request, with a note for the student. Approval records the session's
 * excused status (E) for the student through attendance's own recordMarks, as a register save would: history,
 * "marked by" the lecturer, the grade queued; a later change on the register wins and is in the history too.
 * The student is told through the outbox in the same transaction. Deciding again the same way changes nothing;
 * the other way, or on a withdrawn request, is refused.
 */
export async function decideExcuse(
  db: Db,
  actor: Actor,
  activityId: number,
  excuseId: number,
  input: DecideExcuseInput,
  now: Date,
): Promise<DecideOutcome> {
  authorize(actor, "excuses.decide");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const excuse = await getExcuse(db, activity.id, excuseId);
  if (!excuse) throw NotFound();
  const state: "approved" | "refused" = input.decision === "approve" ? "approved" : "refused";
  if (excuse.state === state) return "already";
  if (excuse.state !== "waiting") throw Conflict(`excuses.errors.now_${excuse.state}`, { excuseId });
  const session = await getSession(db, activity.id, excuse.sessionId);
  if (!session) throw NotFound();
  const excused = state === "approved" ? await getExcusedStatus(db, activity.id, session.setId) : null;
  if (state === "approved" && !excused) throw Invalid("excuses.errors.no_excused_status", { excuseId });
  const student = await getMember(db, course.id, excuse.userId);
  return db.transaction(async (tx) => {
    const [won] = await tx
      .update(excuses)
      .set({
        state,
        decisionNote: input.note,
        decidedBy: actor.userId,
        decidedByName: actor.name,
        decidedAt: now,
        updatedAt: now,
      })
      .where(and(eq(excuses.id, excuse.id), eq(excuses.state, "waiting")))
      .returning({ id: excuses.id });
    if (!won) return "already"; // a colleague decided it a moment ago
    if (excused) {
      const wish = { userId: excuse.userId, statusId: excused.id, remark: "", shownStatusId: null, shownRemark: "" };
      await recordMarks(tx as unknown as Db, actor, activity.id, session.id, [wish], now);
    }
    if (student) {
      const decision = { state, note: input.note, byName: actor.name };
      const message = decisionMessage({ excuse, session, course, activity }, student, decision);
      await queueMessage(tx, { platformId: course.platformId, courseId: course.id, now, ...message });
    }
    return "decided";
  });
}
