import { and, eq } from "drizzle-orm";
import {
  addAttendanceSession,
  getAttendanceSessions,
  MoodleError,
  MoodleNotFoundError,
  removeAttendanceSession,
  updateAttendanceUserStatus,
  type MoodleClient,
} from "moodle-ws-client";
import type { Db } from "../db/client.js";
import { moodleAttendanceLinks, moodleAttendanceSessionMap } from "../db/schema.js";
import { bridgeProblemOf, type BridgeProblem } from "./bridge-problem.js";
import { getExportMap, listExportSessions, type ExportSource } from "./export-queries.js";
import {
  exportTargets,
  planExportMarks,
  planExportSessions,
  sessionLabel,
  type ExportProblem,
  type ExportTarget,
} from "./plan-attendance-export.js";

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

const isMapRow = (linkId: number, r: { sessionId: number; groupid: number }) =>
  and(
    eq(moodleAttendanceSessionMap.linkId, linkId),
    eq(moodleAttendanceSessionMap.sessionId, r.sessionId),
    eq(moodleAttendanceSessionMap.moodleGroupId, String(r.groupid)),
  );

/** Stores which mod_attendance session is a Rollbook session's for one group, right after Moodle named it. */
async function remember(db: Db, linkId: number, t: ExportTarget, moodleSessionId: number): Promise<void> {
  await db
    .insert(moodleAttendanceSessionMap)
    .values({
      linkId,
      sessionId: t.localId,
      moodleGroupId: String(t.groupid),
      moodleSessionId: String(moodleSessionId),
    })
    .onConflictDoUpdate({
      target: [
        moodleAttendanceSessionMap.linkId,
        moodleAttendanceSessionMap.sessionId,
        moodleAttendanceSessionMap.moodleGroupId,
      ],
      set: { moodleSessionId: String(moodleSessionId) },
    });
}

async function addSession(
  db: Db,
  client: MoodleClient,
  link: ExportLink,
  t: ExportTarget,
  result: ExportResult,
): Promise<void> {
  try {
    const { sessionid } = await addAttendanceSession(client, {
      attendanceid: Number(link.moodleAttendanceId),
      description: t.description,
      sessiontime: t.sessdate,
      duration: t.duration,
      groupid: t.groupid,
      addcalendarevent: false,
    });
    await remember(db, link.id, t, sessionid);
    result.added++;
  } catch (err) {
    // A refusal of one session (e.g. no group in separate-groups mode) is reported; Moodle being down stops the run.
    if (!(err instanceof MoodleError) || bridgeProblemOf(err).isTransient || err.errorcode !== "invalidparameter")
      throw err;
    result.problems.push({ key: "session", params: sessionLabel(t.sessdate, t.description) });
  }
}

async function syncSessions(
  db: Db,
  client: MoodleClient,
  link: ExportLink,
  source: ExportSource,
  result: ExportResult,
): Promise<ExportTarget[]> {
  const { targets, problems } = exportTargets(source.sessions);
  result.problems.push(...problems);
  const moodle = await getAttendanceSessions(client, Number(link.moodleAttendanceId));
  const actions = planExportSessions(
    targets,
    new Set(source.sessions.map((s) => s.id)),
    moodle,
    await getExportMap(db, link.id),
  );
  for (const r of actions.remove) {
    await removeAttendanceSession(client, r.moodleSessionId).catch((err: unknown) => {
      if (!(err instanceof MoodleNotFoundError)) throw err; // already gone: that is what we wanted
    });
    await db
      .delete(moodleAttendanceSessionMap)
      .where(
        and(
          eq(moodleAttendanceSessionMap.linkId, link.id),
          eq(moodleAttendanceSessionMap.moodleSessionId, String(r.moodleSessionId)),
        ),
      );
    result.removed++;
  }
  for (const f of actions.forget) await db.delete(moodleAttendanceSessionMap).where(isMapRow(link.id, f));
  const local = new Map(source.sessions.map((s) => [s.id, s]));
  for (const l of actions.left) {
    const s = local.get(l.sessionId)!;
    result.problems.push({
      key: "group_left",
      params: {
        ...sessionLabel(s.sessdate, s.description),
        group: source.groupNames.get(l.groupid) ?? (l.groupid ? String(l.groupid) : "-"),
      },
    });
  }
  for (const a of actions.adopt) {
    await remember(db, link.id, a.target, a.moodleSessionId);
    result.adopted++;
  }
  for (const t of actions.add) await addSession(db, client, link, t, result);
  return targets;
}

async function syncMarks(
  db: Db,
  client: MoodleClient,
  link: ExportLink,
  targets: ExportTarget[],
  result: ExportResult,
): Promise<void> {
  // Read Moodle again: the marks it already has are not written twice.
  const moodle = await getAttendanceSessions(client, Number(link.moodleAttendanceId));
  const plan = planExportMarks(targets, moodle, await getExportMap(db, link.id));
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
export async function runAttendanceExport(
  db: Db,
  client: MoodleClient,
  link: ExportLink,
  now: Date,
): Promise<ExportResult> {
  const result: ExportResult = {
    added: 0,
    adopted: 0,
    removed: 0,
    marks: 0,
    unchanged: 0,
    problems: [],
    failure: null,
  };
  try {
    const targets = await syncSessions(db, client, link, await listExportSessions(db, link.activityId), result);
    await syncMarks(db, client, link, targets, result);
  } catch (err) {
    result.failure = bridgeProblemOf(err);
  }
  await db
    .update(moodleAttendanceLinks)
    .set({ lastRunAt: now, lastResult: result })
    .where(eq(moodleAttendanceLinks.id, link.id));
  return result;
}
