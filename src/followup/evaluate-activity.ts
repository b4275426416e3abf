import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { followupRules, followupWarnings } from "../db/schema.js";
import { queueMessage, type Recipient } from "../notify/index.js";
import { factMessages } from "./fact-messages.js";
import {
  getActivityCourse,
  getRules,
  listFollowed,
  listLecturers,
  listWarnedKeys,
  loadDecisionInput,
} from "./queries.js";
import { decideFacts, type WarningFact } from "./rules/decide-warnings.js";

/** A look a little into the past: a register saved while an evaluation ran is seen by the next one. */
export const EVALUATION_OVERLAP_MS = 2 * 60_000;

export interface EvaluationResult {
  /** Facts newly warned about (each with its messages queued). */
  warned: number;
  /** Facts true now but still in their delay. */
  pending: number;
}

/**
 * Evaluates one activity's follow-up rules at `now`, in one transaction that holds the activity's rules row:
 * reads the marks as they are, decides, records each new fact (its key unique: a fact is warned about once) and
 * queues its messages through the outbox in the same transaction. A fact still in its delay is only noted (the
 * next look is then); it is queued only when its delay has passed and it is still true, so a correction made
 * within the delay leaves nothing queued. The outbox re-checks again just before sending (`stillValid`).
 */
export async function evaluateActivity(db: Db, activityId: number, now: Date): Promise<EvaluationResult> {
  return db.transaction(async (tx) => {
    const rules = await getRules(tx, activityId, true);
    const found = await getActivityCourse(tx, activityId);
    if (!rules || !found) return { warned: 0, pending: 0 };
    const { activity, course } = found;
    const input = await loadDecisionInput(tx, activityId, course.id, rules, now);
    const warned = await listWarnedKeys(tx, activityId);
    const facts = decideFacts(input).filter((f) => !warned.has(f.factKey));
    const due = facts.filter((f) => f.dueAt <= now);
    const pending = facts.filter((f) => f.dueAt > now);
    const members = new Map(input.members.map((m) => [m.userId, m]));
    const lecturers = due.length > 0 ? await listLecturers(tx, course.id) : [];
    const followed = due.length > 0 ? await listFollowed(tx, activityId, now) : new Set<string>();
    const inserted =
      due.length === 0
        ? []
        : await tx
            .insert(followupWarnings)
            .values(
              due.map((fact) => ({
                activityId,
                userId: fact.userId,
                rule: fact.rule,
                factKey: fact.factKey,
                sessionIds: fact.sessionIds,
                percent: fact.percent,
                inARow: fact.inARow,
                createdAt: now,
              })),
            )
            .onConflictDoNothing()
            .returning({ id: followupWarnings.id, factKey: followupWarnings.factKey });
    const isNew = new Map(inserted.map((r) => [r.factKey, r.id]));
    const links: { id: number; messageId: number }[] = [];
    for (const fact of due) {
      const id = isNew.get(fact.factKey);
      if (id === undefined) continue;
      const student = members.get(fact.userId);
      const isFollowed = followed.has(fact.userId);
      const messages = factMessages({
        fact,
        rules: rules.config,
        activity,
        course,
        input,
        student,
        lecturers,
        isFollowed,
      });
      let messageId: number | null = null;
      for (const m of messages) {
        const q = await queueMessage(tx, { platformId: course.platformId, courseId: course.id, now, ...m });
        messageId ??= q.messageId;
      }
      if (messageId !== null) links.push({ id, messageId });
    }
    if (links.length > 0)
      await tx.execute(sql`
        update followup_warnings w set message_id = l.message_id
        from unnest(${sql.param(links.map((l) => l.id))}::bigint[], ${sql.param(links.map((l) => l.messageId))}::bigint[])
          as l(id, message_id)
        where w.id = l.id`);
    const next = pending.reduce<Date | null>((a, f) => (a === null || f.dueAt < a ? f.dueAt : a), null);
    await tx
      .update(followupRules)
      .set({ evaluatedAt: new Date(now.getTime() - EVALUATION_OVERLAP_MS), nextCheckAt: next })
      .where(eq(followupRules.activityId, activityId));
    return { warned: isNew.size, pending: pending.length };
  });
}

export type { Recipient, WarningFact };
