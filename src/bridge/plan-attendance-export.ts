import type { AttendanceSession } from "moodle-ws-client";
import { acronymKey } from "./plan-attendance-import.js";

/** A Rollbook session as the export reads it: its Moodle groups, the groups only Rollbook has, and its marks. */
export interface ExportSession {
  id: number;
  sessdate: number;
  duration: number;
  description: string;
  /** Moodle group ids of the session, ascending (none: the whole course). */
  groupids: number[];
  /** Names of the session's groups that exist only in Rollbook (no Moodle group id). */
  toolGroups: string[];
  /** Each mark with the Moodle groups its student is in. */
  marks: { userId: string; acronym: string; groupids: number[] }[];
}

/** One mod_attendance session the export keeps: a Rollbook session for one of its Moodle groups (0: the whole course). */
export interface ExportTarget {
  localId: number;
  groupid: number;
  sessdate: number;
  duration: number;
  description: string;
  marks: { userId: string; acronym: string }[];
}

/** A stored mapping row: Rollbook session and Moodle group to mod_attendance session. */
export interface MappedSession {
  sessionId: number;
  groupid: number;
  moodleSessionId: number;
}

/**
 * The session changes to make in Moodle: remove, adopt (already there, answer lost), add; `left` are sessions of a
 * group taken off a Rollbook session (kept in Moodle, reported); `forget` are rows whose Moodle session is gone.
 */
export interface SessionActions {
  remove: { moodleSessionId: number; localId: number | null }[];
  adopt: { target: ExportTarget; moodleSessionId: number }[];
  add: ExportTarget[];
  left: MappedSession[];
  forget: MappedSession[];
}

/** One mark to write with mod_attendance_update_user_status. */
export interface MarkUpdate {
  sessionid: number;
  studentid: number;
  statusid: number;
  statusset: number;
}

/** Something the export could not send or did not do: an i18n key below bridge.export.problem and its values. */
export interface ExportProblem {
  key: "status" | "student" | "tool_group" | "tool_group_course" | "group_left";
  params: Record<string, string | number>;
}

export const targetKey = (sessionId: number, groupid: number) => `${sessionId}:${groupid}`;

/** How the result names a session: its UTC start and its text. */
export const sessionLabel = (sessdate: number, description: string) => ({
  date: new Date(sessdate * 1000).toISOString().slice(0, 16).replace("T", " "),
  description,
});

/**
 * Splits Rollbook sessions into mod_attendance sessions, which have one group each: one per Moodle group of the
 * session, or one for the whole course when it has none. A student's mark goes to the session of the student's
 * lowest-id Moodle group among the session's; a student in none of them (only in a Rollbook group, or no longer
 * in the group) goes to the lowest-id group's, so no mark is lost. Groups only Rollbook has get no session of
 * their own and are reported once each with the number of sessions concerned. Pure.
 */
export function exportTargets(local: ExportSession[]): { targets: ExportTarget[]; problems: ExportProblem[] } {
  const targets: ExportTarget[] = [];
  const toolGroups = new Map<string, ExportProblem>();
  for (const s of local) {
    const groupids = s.groupids.length ? [...s.groupids].sort((a, b) => a - b) : [0];
    const byGroup = new Map(
      groupids.map((g) => [
        g,
        {
          localId: s.id,
          groupid: g,
          sessdate: s.sessdate,
          duration: s.duration,
          description: s.description,
          marks: [] as ExportTarget["marks"],
        },
      ]),
    );
    for (const m of s.marks) {
      const groupid = groupids.find((g) => m.groupids.includes(g)) ?? groupids[0]!;
      byGroup.get(groupid)!.marks.push({ userId: m.userId, acronym: m.acronym });
    }
    targets.push(...byGroup.values());
    for (const name of s.toolGroups) {
      const key = groupids[0] === 0 ? "tool_group_course" : "tool_group";
      const p = toolGroups.get(`${key}:${name}`) ?? { key, params: { group: name, count: 0 } };
      p.params.count = Number(p.params.count) + 1;
      toolGroups.set(`${key}:${name}`, p);
    }
  }
  return { targets, problems: [...toolGroups.values()] };
}

const same = (t: ExportTarget, m: AttendanceSession) =>
  m.sessdate === t.sessdate && m.duration === t.duration && m.description === t.description && m.groupid === t.groupid;

/**
 * Compares the wanted mod_attendance sessions with the activity's (as just read) through the stored mapping.
 * mod_attendance cannot update a session, so a changed one is removed and added again (its marks follow in the
 * marks pass); one of a deleted Rollbook session is removed; one of a group no longer on its Rollbook session is
 * left in Moodle (it may hold a teacher's work) and reported. A session Moodle already has unmapped with the same
 * time, length, text and group is adopted rather than added twice. Moodle sessions Rollbook never made are left alone. Pure.
 */
export function planExportSessions(
  targets: ExportTarget[],
  liveSessionIds: ReadonlySet<number>,
  moodle: AttendanceSession[],
  mapped: MappedSession[],
): SessionActions {
  const byId = new Map(moodle.map((m) => [m.id, m]));
  const wanted = new Map(targets.map((t) => [targetKey(t.localId, t.groupid), t]));
  const actions: SessionActions = { remove: [], adopt: [], add: [], left: [], forget: [] };
  const kept = new Set<string>();
  for (const row of mapped) {
    const m = byId.get(row.moodleSessionId);
    const t = wanted.get(targetKey(row.sessionId, row.groupid));
    if (!m) {
      if (!t) actions.forget.push(row); // gone from Moodle and not wanted: nothing to keep track of
    } else if (!liveSessionIds.has(row.sessionId))
      actions.remove.push({ moodleSessionId: row.moodleSessionId, localId: null });
    else if (!t) actions.left.push(row);
    else if (!same(t, m)) actions.remove.push({ moodleSessionId: row.moodleSessionId, localId: row.sessionId });
    else kept.add(targetKey(row.sessionId, row.groupid));
  }
  const taken = new Set(mapped.map((r) => r.moodleSessionId));
  for (const t of targets) {
    if (kept.has(targetKey(t.localId, t.groupid))) continue;
    const twin = moodle.find((m) => !taken.has(m.id) && same(t, m));
    if (twin) {
      taken.add(twin.id);
      actions.adopt.push({ target: t, moodleSessionId: twin.id });
    } else actions.add.push(t);
  }
  return actions;
}

/** The marks Moodle lacks or has differently (statuses matched by acronym), and what cannot be sent. Pure. */
export function planExportMarks(
  targets: ExportTarget[],
  moodle: AttendanceSession[],
  mapped: MappedSession[],
): { updates: MarkUpdate[]; same: number; problems: ExportProblem[] } {
  const byId = new Map(moodle.map((m) => [m.id, m]));
  const moodleIdOf = new Map(mapped.map((r) => [targetKey(r.sessionId, r.groupid), r.moodleSessionId]));
  const out = { updates: [] as MarkUpdate[], same: 0, problems: new Map<string, ExportProblem>() };
  for (const t of targets) {
    const m = byId.get(moodleIdOf.get(targetKey(t.localId, t.groupid)) ?? -1);
    if (!m) continue;
    const statusByAcronym = new Map(m.statuses.filter((s) => !s.deleted).map((s) => [acronymKey(s.acronym), s]));
    const logged = new Map(m.attendance_log.map((g) => [g.studentid, g.statusid]));
    for (const mark of t.marks) {
      const status = statusByAcronym.get(acronymKey(mark.acronym));
      if (!status) out.problems.set(`status:${mark.acronym}`, { key: "status", params: { acronym: mark.acronym } });
      else if (!/^\d+$/.test(mark.userId))
        out.problems.set(`student:${mark.userId}`, { key: "student", params: { id: mark.userId } });
      else if (logged.get(Number(mark.userId)) === status.id) out.same++;
      else
        out.updates.push({
          sessionid: m.id,
          studentid: Number(mark.userId),
          statusid: status.id,
          statusset: m.statusset ?? 0,
        });
    }
  }
  return { updates: out.updates, same: out.same, problems: [...out.problems.values()] };
}
