import type { Db } from "../db/client.js";
import { evaluateActivity } from "./evaluate-activity.js";
import { listActivitiesToEvaluate } from "./queries.js";

export interface FollowupRun {
  activities: number;
  warned: number;
  pending: number;
}

/**
 * One run of the follow-up job: evaluates every activity with follow-up on where something changed (a mark, a
 * close, the rules) or a fact's delay ends, each in its own transaction, so one failing course stops no other.
 */
export async function evaluateFollowup(db: Db, now: Date): Promise<FollowupRun> {
  const ids = await listActivitiesToEvaluate(db, now);
  const run: FollowupRun = { activities: ids.length, warned: 0, pending: 0 };
  for (const id of ids) {
    const r = await evaluateActivity(db, id, now);
    run.warned += r.warned;
    run.pending += r.pending;
  }
  return run;
}
