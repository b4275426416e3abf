import type { AttendanceSession } from "moodle-ws-client";

/** A Rollbook session as the export sends it: Moodle's group id (0 for the whole course) and its marks by acronym. */
export interface ExportSession {
  id: number;
  sessdate: number;
  duration: number;
  description: string;
  groupid: number;
  marks: { userId: string; acronym: string }[];
}

/** The session changes to make in Moodle: remove, adopt (already there, answer lost), add. */
export interface SessionActions {
  remove: { moodleSessionId: number; localId: number | null }[];
  adopt: { localId: number; moodleSessionId: number }[];
  add: ExportSession[];
}

/** One mark to write with mod_attendance_update_user_status. */
export interface MarkUpdate {
  sessionid: number;
  studentid: number;
  statusid: number;
  statusset: number;
}

/** Something the export could not send: an i18n key below bridge.export.problem and its values. */
export interface ExportProblem {
  key: "status" | "student";
  params: Record<string, string | number>;
}

const same = (l: ExportSession, m: AttendanceSession) => m.sessdate === l.sessdate && m.duration === l.duration && m.description === l.description && m.groupid === l.groupid;

/**
 * Compares Rollbook's sessions with the mod_attendance activity's (as just read) through the stored mapping.
 * mod_attendance cannot update a session, so a changed one is removed and added again (its marks follow in the
 * marks pass); a session Moodle already has unmapped with the same time, length, text and group is adopted
 * rather than added twice. Moodle sessions Rollbook never made are left alone. Pure.
 */
export function planExportSessions(local: ExportSession[], moodle: AttendanceSession[], mapped: ReadonlyMap<number, number>): SessionActions {
  const byId = new Map(moodle.map((m) => [m.id, m]));
  const localById = new Map(local.map((l) => [l.id, l]));
  const actions: SessionActions = { remove: [], adopt: [], add: [] };
  for (const [localId, moodleId] of mapped) {
    const l = localById.get(localId);
    const m = byId.get(moodleId);
    if (m && (!l || !same(l, m))) actions.remove.push({ moodleSessionId: moodleId, localId: l ? localId : null });
  }
  const kept = new Set([...mapped].filter(([localId, moodleId]) => byId.has(moodleId) && !actions.remove.some((r) => r.moodleSessionId === moodleId) && localById.has(localId)).map(([localId]) => localId));
  const taken = new Set(mapped.values());
  for (const l of local) {
    if (kept.has(l.id)) continue;
    const twin = moodle.find((m) => !taken.has(m.id) && same(l, m));
    if (twin) {
      taken.add(twin.id);
      actions.adopt.push({ localId: l.id, moodleSessionId: twin.id });
    } else actions.add.push(l);
  }
  return actions;
}

/** The marks Moodle lacks or has differently (statuses matched by acronym), and what cannot be sent. Pure. */
export function planExportMarks(local: ExportSession[], moodle: AttendanceSession[], mapped: ReadonlyMap<number, number>): { updates: MarkUpdate[]; same: number; problems: ExportProblem[] } {
  const byId = new Map(moodle.map((m) => [m.id, m]));
  const out = { updates: [] as MarkUpdate[], same: 0, problems: new Map<string, ExportProblem>() };
  for (const l of local) {
    const m = byId.get(mapped.get(l.id) ?? -1);
    if (!m) continue;
    const statusByAcronym = new Map(m.statuses.filter((s) => !s.deleted).map((s) => [s.acronym.trim().toLocaleUpperCase("lv"), s]));
    const logged = new Map(m.attendance_log.map((g) => [g.studentid, g.statusid]));
    for (const mark of l.marks) {
      const status = statusByAcronym.get(mark.acronym.trim().toLocaleUpperCase("lv"));
      if (!status) out.problems.set(`status:${mark.acronym}`, { key: "status", params: { acronym: mark.acronym } });
      else if (!/^\d+$/.test(mark.userId)) out.problems.set(`student:${mark.userId}`, { key: "student", params: { id: mark.userId } });
      else if (logged.get(Number(mark.userId)) === status.id) out.same++;
      else out.updates.push({ sessionid: m.id, studentid: Number(mark.userId), statusid: status.id, statusset: m.statusset ?? 0 });
    }
  }
  return { updates: out.updates, same: out.same, problems: [...out.problems.values()] };
}
