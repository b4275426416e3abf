import { DateTime } from "luxon";
import type { AttendanceSession } from "moodle-ws-client";

/** A mark a session imported before has now; `isImportOwned`: Moodle may change it (no one changed it in Rollbook since). */
export interface CurrentMark {
  statusId: number;
  remark: string;
  isImportOwned: boolean;
}

/** What Rollbook already has, for mapping: statuses by acronym, roster, Moodle group ids, sessions imported before and their marks. */
export interface ImportTarget {
  statusIdByAcronym: ReadonlyMap<string, number>;
  rosterUserIds: ReadonlySet<string>;
  names: ReadonlyMap<string, string>;
  groupIdByMoodleId: ReadonlyMap<string, number>;
  sessionIdByMoodleId: ReadonlyMap<string, number>;
  /** By `${sessionId}:${userId}`. */
  currentMarks: ReadonlyMap<string, CurrentMark>;
  /** The course's time zone: dates shown to the lecturer are in it. */
  zone: string;
}

/** A mark Moodle has differently that was changed in Rollbook since the last import: kept, and listed. */
export interface KeptMark {
  userId: string;
  name: string;
  /** The session's start in the course's zone, "dd.mm.yyyy hh:mm". */
  date: string;
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
  /** The marks to write (new, or differing from Rollbook's and not changed there), each with what it replaces. */
  marks: { userId: string; statusId: number; remark: string; from: { statusId: number; remark: string } | null }[];
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
  /** Marks to write. */
  markCount: number;
  /** Marks Rollbook already has as Moodle does. */
  unchanged: number;
  kept: KeptMark[];
}

const HTML_TAGS = /<[^>]*>/g;
/** How the bridge matches statuses with mod_attendance's, both ways: by acronym, spaces and case aside. */
export const acronymKey = (a: string) => a.trim().toLocaleUpperCase("lv");

function addProblem(
  problems: Map<string, ImportProblem>,
  key: ImportProblem["key"],
  id: string,
  params: ImportProblem["params"],
) {
  const k = `${key}:${id}`;
  const p = problems.get(k) ?? { key, params, marks: 0 };
  p.marks++;
  problems.set(k, p);
}

function statusesOf(sessions: AttendanceSession[], target: ImportTarget): ImportPlan["statuses"] {
  const seen = new Map<string, ImportPlan["statuses"][number]>();
  for (const st of sessions.flatMap((s) => s.statuses)) {
    if (!seen.has(acronymKey(st.acronym)))
      seen.set(acronymKey(st.acronym), {
        acronym: st.acronym,
        description: st.description,
        statusId: target.statusIdByAcronym.get(acronymKey(st.acronym)) ?? null,
      });
  }
  return [...seen.values()];
}

/**
 * Maps mod_attendance sessions (mod_attendance_get_sessions) onto a Rollbook activity: statuses by acronym,
 * students by Moodle user id (the LTI user id of Moodle launches), groups by Moodle group id. Whatever cannot be
 * mapped is left out and reported with the number of marks it cost. In a session imported before, a mark equal to
 * Rollbook's is left alone, and one changed in Rollbook since (see CurrentMark) is kept and listed rather than
 * overwritten. Pure; the same input gives the same plan.
 */
export function planAttendanceImport(sessions: AttendanceSession[], target: ImportTarget): ImportPlan {
  const problems = new Map<string, ImportProblem>();
  const kept: KeptMark[] = [];
  let unchanged = 0;
  const planned = [...sessions]
    .sort((a, b) => a.sessdate - b.sessdate || a.id - b.id)
    .map((s): PlannedSession => {
      const statusById = new Map(s.statuses.map((st) => [st.id, st]));
      const sessionId = target.sessionIdByMoodleId.get(String(s.id)) ?? null;
      const date = DateTime.fromSeconds(s.sessdate, { zone: target.zone }).toFormat("dd.MM.yyyy HH:mm");
      const marks: PlannedSession["marks"] = [];
      for (const log of s.attendance_log) {
        const st = statusById.get(log.statusid);
        const statusId = st ? target.statusIdByAcronym.get(acronymKey(st.acronym)) : undefined;
        const userId = String(log.studentid);
        const remark = log.remarks ?? "";
        const current = sessionId === null ? undefined : target.currentMarks.get(`${sessionId}:${userId}`);
        if (statusId === undefined)
          addProblem(problems, "status", st?.acronym ?? `#${log.statusid}`, {
            acronym: st?.acronym ?? `#${log.statusid}`,
            description: st?.description ?? "",
          });
        else if (!target.rosterUserIds.has(userId)) addProblem(problems, "student", userId, { id: userId });
        else if (current && current.statusId === statusId && current.remark === remark) unchanged++;
        else if (current && !current.isImportOwned)
          kept.push({ userId, name: target.names.get(userId) ?? userId, date });
        else
          marks.push({
            userId,
            statusId,
            remark,
            from: current ? { statusId: current.statusId, remark: current.remark } : null,
          });
      }
      const groupId = s.groupid ? target.groupIdByMoodleId.get(String(s.groupid)) : undefined;
      if (s.groupid && groupId === undefined) addProblem(problems, "group", String(s.groupid), { id: s.groupid });
      return {
        moodleSessionId: String(s.id),
        sessionId,
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
  return {
    sessions: planned,
    problems: [...problems.values()],
    statuses: statusesOf(sessions, target),
    markCount: planned.reduce((n, s) => n + s.marks.length, 0),
    unchanged,
    kept,
  };
}
