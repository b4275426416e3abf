import { DateTime } from "luxon";
import type { SheetRow } from "../../spreadsheets/read-csv.js";
import type { ImportProblem } from "./plan-session-import.js";
import { MAX_REMARK_LENGTH, type MarkWish } from "../register/plan-mark-changes.js";

/** What the rows are checked against: the course's students, the activity's sessions by local start, each set's statuses. */
export interface MarksImportContext {
  /** Accepted header names (any case) per field, in both languages: the tidy export's own column titles. */
  headers: Record<"userId" | "date" | "start" | "status" | "remark", string[]>;
  /** Each field's column title in the user's language, for the "missing column" problem ("Moodle lietotāja ID"). */
  titles?: Partial<Record<"userId" | "date" | "start" | "status" | "remark", string>>;
  studentIds: Set<string>;
  /** "2025-10-01 09:00" (local) -> the session. */
  sessions: Map<string, { id: number; setId: number }>;
  /** set id -> acronym (upper case) -> status id, hidden statuses left out. */
  statuses: Map<number, Map<string, number>>;
}

export interface MarksImportPlan {
  /** session id -> the wishes to record in it, each with its line. */
  bySession: Map<number, (MarkWish & { line: number })[]>;
  problems: ImportProblem[];
}

/** 01.10.2025 or 2025-10-01 -> 2025-10-01 (null when impossible); 9:00 or 09:00:00 -> 09:00. */
const isoDate = (v: string) =>
  (/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v) ? DateTime.fromFormat(v, "d.M.yyyy") : DateTime.fromISO(v)).toISODate();
const hhmm = (v: string) => {
  const m = /^(\d{1,2}):([0-5]\d)(:\d\d)?$/.exec(v);
  return m && Number(m[1]) < 24 ? `${m[1]!.padStart(2, "0")}:${m[2]}` : null;
};

/**
 * Checks every row of a marks file (pure): the tidy export's shape, read back. Each row names a student by
 * Moodle user id, a session by its local date and start, and a status by its acronym in that session's set.
 * Every problem is reported with its line and column; the caller saves nothing when there is any.
 */
export function planMarksImport(rows: readonly SheetRow[], x: MarksImportContext): MarksImportPlan {
  const plan: MarksImportPlan = { bySession: new Map(), problems: [] };
  const [head, ...body] = rows;
  if (!head) return { ...plan, problems: [{ line: 1, column: "", messageKey: "attendance.import.empty" }] };
  const index = Object.fromEntries(
    Object.entries(x.headers).map(([k, names]) => [
      k,
      head.cells.findIndex((h) => names.includes(h.trim().toLowerCase())),
    ]),
  ) as Record<keyof MarksImportContext["headers"], number>;
  const missing = (["userId", "date", "start", "status"] as const).filter((k) => index[k] < 0);
  if (missing.length)
    return {
      ...plan,
      problems: missing.map((k) => ({
        line: head.line,
        column: x.titles?.[k] ?? x.headers[k][0]!,
        messageKey: "attendance.import.missing_column",
      })),
    };
  const seen = new Set<string>();
  for (const row of body) {
    const cell = (k: keyof MarksImportContext["headers"]) => (index[k] < 0 ? "" : (row.cells[index[k]] ?? "").trim());
    const problem = (k: keyof MarksImportContext["headers"], messageKey: string) =>
      plan.problems.push({ line: row.line, column: head.cells[index[k]] ?? k, messageKey });
    const userId = cell("userId");
    const [date, start] = [isoDate(cell("date")), hhmm(cell("start"))];
    if (!x.studentIds.has(userId)) problem("userId", "attendance.marks_import.unknown_student");
    if (!date) problem("date", "attendance.validation.date");
    if (!start) problem("start", "attendance.validation.time");
    const session = date && start ? x.sessions.get(`${date} ${start}`) : undefined;
    if (date && start && !session) problem("date", "attendance.marks_import.unknown_session");
    const statusId = session ? x.statuses.get(session.setId)?.get(cell("status").toUpperCase()) : undefined;
    if (session && statusId === undefined) problem("status", "attendance.marks_import.unknown_status");
    if (session && seen.has(`${session.id}:${userId}`)) problem("userId", "attendance.marks_import.duplicate");
    const tooLong = index.remark >= 0 && cell("remark").length > MAX_REMARK_LENGTH;
    if (tooLong) problem("remark", "attendance.register.remark_too_long");
    if (
      tooLong ||
      !session ||
      statusId === undefined ||
      !x.studentIds.has(userId) ||
      seen.has(`${session.id}:${userId}`)
    )
      continue;
    seen.add(`${session.id}:${userId}`);
    // a remark column sets the remark (even to empty); without one, existing remarks stay
    const remark =
      index.remark < 0 ? { remark: "", shownRemark: "" } : { remark: cell("remark"), shownRemark: "\u0000" };
    plan.bySession.set(session.id, [
      ...(plan.bySession.get(session.id) ?? []),
      { userId, statusId, shownStatusId: null, ...remark, line: row.line },
    ]);
  }
  if (body.length === 0) plan.problems.push({ line: head.line, column: "", messageKey: "attendance.import.no_rows" });
  return plan;
}
