import type { AttendanceSession } from "moodle-ws-client";

/** What Rollbook already has, for mapping: statuses by acronym, roster user ids, Moodle group ids, sessions imported before. */
export interface ImportTarget {
  statusIdByAcronym: ReadonlyMap<string, number>;
  rosterUserIds: ReadonlySet<string>;
  groupIdByMoodleId: ReadonlyMap<string, number>;
  sessionIdByMoodleId: ReadonlyMap<string, number>;
}

/** One mod_attendance session as it will be saved: new (sessionId null) or the one imported before. */
export interface PlannedSession {
  moodleSessionId: string;
  sessionId: number | null;
  startsAt: Date;
  endsAt: Date;
  description: string;
  groupIds: number[];
  takenAt: Date | null;
  marks: { userId: string; statusId: number; remark: string }[];
}

/** Something that could not be mapped: an i18n key below bridge.import.problem, its values and how many marks it cost. */
export interface ImportProblem {
  key: "status" | "student" | "group";
  params: Record<string, string | number>;
  marks: number;
}

/** The preview and the plan of an import. */
export interface ImportPlan {
  sessions: PlannedSession[];
  problems: ImportProblem[];
  /** The Moodle statuses with the Rollbook status they map to (null: not mapped). */
  statuses: { acronym: string; description: string; statusId: number | null }[];
  markCount: number;
}

const HTML_TAGS = /<[^>]*>/g;
const acronymKey = (a: string) => a.trim().toLocaleUpperCase("lv");

function addProblem(problems: Map<string, ImportProblem>, key: ImportProblem["key"], id: string, params: ImportProblem["params"]) {
  const k = `${key}:${id}`;
  const p = problems.get(k) ?? { key, params, marks: 0 };
  p.marks++;
  problems.set(k, p);
}

function statusesOf(sessions: AttendanceSession[], target: ImportTarget): ImportPlan["statuses"] {
  const seen = new Map<string, ImportPlan["statuses"][number]>();
  for (const st of sessions.flatMap((s) => s.statuses)) {
    if (!seen.has(acronymKey(st.acronym))) seen.set(acronymKey(st.acronym), { acronym: st.acronym, description: st.description, statusId: target.statusIdByAcronym.get(acronymKey(st.acronym)) ?? null });
  }
  return [...seen.values()];
}

/**
 * Maps mod_attendance sessions (mod_attendance_get_sessions) onto a Rollbook activity: statuses by acronym,
 * students by Moodle user id (the LTI user id of Moodle launches), groups by Moodle group id. Whatever cannot be
 * mapped is left out and reported with the number of marks it cost. Pure; the same input gives the same plan.
 */
export function planAttendanceImport(sessions: AttendanceSession[], target: ImportTarget): ImportPlan {
  const problems = new Map<string, ImportProblem>();
  const planned = [...sessions].sort((a, b) => a.sessdate - b.sessdate || a.id - b.id).map((s): PlannedSession => {
    const statusById = new Map(s.statuses.map((st) => [st.id, st]));
    const marks: PlannedSession["marks"] = [];
    for (const log of s.attendance_log) {
      const st = statusById.get(log.statusid);
      const statusId = st ? target.statusIdByAcronym.get(acronymKey(st.acronym)) : undefined;
      const userId = String(log.studentid);
      if (statusId === undefined) addProblem(problems, "status", st?.acronym ?? `#${log.statusid}`, { acronym: st?.acronym ?? `#${log.statusid}`, description: st?.description ?? "" });
      else if (!target.rosterUserIds.has(userId)) addProblem(problems, "student", userId, { id: userId });
      else marks.push({ userId, statusId, remark: log.remarks ?? "" });
    }
    const groupId = s.groupid ? target.groupIdByMoodleId.get(String(s.groupid)) : undefined;
    if (s.groupid && groupId === undefined) addProblem(problems, "group", String(s.groupid), { id: s.groupid });
    return {
      moodleSessionId: String(s.id),
      sessionId: target.sessionIdByMoodleId.get(String(s.id)) ?? null,
      startsAt: new Date(s.sessdate * 1000),
      endsAt: new Date((s.sessdate + s.duration) * 1000),
      description: s.description.replace(HTML_TAGS, "").trim(),
      groupIds: groupId === undefined ? [] : [groupId],
      takenAt: s.lasttaken ? new Date(s.lasttaken * 1000) : null,
      marks,
    };
  });
  // A group problem counts sessions, not marks.
  for (const p of problems.values()) if (p.key === "group") p.marks = 0;
  return { sessions: planned, problems: [...problems.values()], statuses: statusesOf(sessions, target), markCount: planned.reduce((n, s) => n + s.marks.length, 0) };
}
