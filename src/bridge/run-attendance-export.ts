import { and, eq } from "drizzle-orm";
import { addAttendanceSession, getAttendanceSessions, MoodleError, MoodleNotFoundError, removeAttendanceSession, updateAttendanceUserStatus, type MoodleClient } from "moodle-ws-client";
import type { Db } from "../db/client.js";
import { moodleAttendanceLinks, moodleAttendanceSessionMap } from "../db/schema.js";
import { bridgeProblemOf, type BridgeProblem } from "./bridge-problem.js";
import { getExportMap, listExportSessions } from "./export-queries.js";
import { planExportMarks, planExportSessions, type ExportProblem } from "./plan-attendance-export.js";

/** What one export run did; `failure` when Moodle stopped it half-way (what was done is kept in the mapping). */
export interface ExportResult {
  added: number;
  adopted: number;
  removed: number;
  marks: number;
  unchanged: number;
  problems: (ExportProblem | { key: "session"; params: Record<string, string | number> })[];
  failure: BridgeProblem | null;
}

/** The export link as a run needs it. */
export interface ExportLink {
  id: number;
  activityId: number;
  moodleAttendanceId: string;
  /** Moodle user id recorded as the marks' taker. */
  takenById: number;
}

const mapRow = (linkId: number, sessionId: number, moodleSessionId: number) => ({ linkId, sessionId, moodleSessionId: String(moodleSessionId) });

async function syncSessions(db: Db, client: MoodleClient, link: ExportLink, result: ExportResult): Promise<void> {
  const attendanceid = Number(link.moodleAttendanceId);
  const local = await listExportSessions(db, link.activityId);
  const actions = planExportSessions(local, await getAttendanceSessions(client, attendanceid), await getExportMap(db, link.id));
  for (const r of actions.remove) {
    await removeAttendanceSession(client, r.moodleSessionId).catch((err: unknown) => {
      if (!(err instanceof MoodleNotFoundError)) throw err; // already gone: that is what we wanted
    });
    await db.delete(moodleAttendanceSessionMap).where(and(eq(moodleAttendanceSessionMap.linkId, link.id), eq(moodleAttendanceSessionMap.moodleSessionId, String(r.moodleSessionId))));
    result.removed++;
  }
  const upsert = (sessionId: number, moodleSessionId: number) =>
    db.insert(moodleAttendanceSessionMap).values(mapRow(link.id, sessionId, moodleSessionId)).onConflictDoUpdate({ target: [moodleAttendanceSessionMap.linkId, moodleAttendanceSessionMap.sessionId], set: { moodleSessionId: String(moodleSessionId) } });
  for (const a of actions.adopt) {
    await upsert(a.localId, a.moodleSessionId);
    result.adopted++;
  }
  for (const s of actions.add) {
    try {
      const { sessionid } = await addAttendanceSession(client, { attendanceid, description: s.description, sessiontime: s.sessdate, duration: s.duration, groupid: s.groupid, addcalendarevent: false });
      await upsert(s.id, sessionid);
      result.added++;
    } catch (err) {
      // A refusal of one session (e.g. no group in separate-groups mode) is reported; Moodle being down stops the run.
      if (!(err instanceof MoodleError) || bridgeProblemOf(err).isTransient || err.errorcode !== "invalidparameter") throw err;
      result.problems.push({ key: "session", params: { date: new Date(s.sessdate * 1000).toISOString().slice(0, 16).replace("T", " "), description: s.description } });
    }
  }
}

async function syncMarks(db: Db, client: MoodleClient, link: ExportLink, result: ExportResult): Promise<void> {
  // Read Moodle again: the marks it already has are not written twice.
  const moodle = await getAttendanceSessions(client, Number(link.moodleAttendanceId));
  const plan = planExportMarks(await listExportSessions(db, link.activityId), moodle, await getExportMap(db, link.id));
  for (const u of plan.updates) {
    await updateAttendanceUserStatus(client, { ...u, takenbyid: link.takenById });
    result.marks++;
  }
  result.unchanged = plan.same;
  result.problems.push(...plan.problems);
}

/**
 * Brings a mod_attendance activity in step with a Rollbook activity: sessions (add, or remove and add again when
 * changed), then marks. Every write is decided from Moodle's state read just before, and each new session's id is
 * stored right after Moodle's answer, so a run that stopped half-way is simply run again; nothing is repeated blindly.
 */
export async function runAttendanceExport(db: Db, client: MoodleClient, link: ExportLink, now: Date): Promise<ExportResult> {
  const result: ExportResult = { added: 0, adopted: 0, removed: 0, marks: 0, unchanged: 0, problems: [], failure: null };
  try {
    await syncSessions(db, client, link, result);
    await syncMarks(db, client, link, result);
  } catch (err) {
    result.failure = bridgeProblemOf(err);
  }
  await db.update(moodleAttendanceLinks).set({ lastRunAt: now, lastResult: result }).where(eq(moodleAttendanceLinks.id, link.id));
  return result;
}
