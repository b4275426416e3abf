import { DateTime } from "luxon";
import type { Locale } from "../../lti/actor.js";
import type { SheetRow } from "../../spreadsheets/read-csv.js";
import { sessionSchema, type SessionInput } from "../sessions/schemas.js";

/** One problem of an import: the file's line, the column's header, and a message key with its values. */
export interface ImportProblem {
  line: number;
  column: string;
  messageKey: string;
}

export interface ImportPlan {
  sessions: (SessionInput & { line: number })[];
  problems: ImportProblem[];
}

/** Accepted headers (English or Latvian, any case) for each field. */
const HEADERS: Record<string, string[]> = {
  date: ["date", "datums"],
  startTime: ["start", "sākums", "sakums"],
  endTime: ["end", "beigas"],
  description: ["description", "apraksts"],
  room: ["room", "telpa"],
  groups: ["groups", "grupas", "group", "grupa"],
};
const REQUIRED = ["date", "startTime", "endTime"];

/** 01.10.2025 or 2025-10-01 -> 2025-10-01; 9:00 -> 09:00; anything else passes through for the schema to refuse. */
function normalise(field: string, value: string): string {
  const v = value.trim();
  if (field === "date" && /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v))
    return DateTime.fromFormat(v, "d.M.yyyy").toISODate() ?? v;
  if ((field === "startTime" || field === "endTime") && /^\d:\d\d$/.test(v)) return `0${v}`;
  return v;
}

/**
 * Checks every row of a sessions CSV (pure) against the same rules as the form, and resolves group names.
 * Every problem is reported with its line and column (a missing column by its name in `locale`: "datums");
 * the caller saves nothing when there is any.
 */
export function planSessionImport(
  rows: readonly SheetRow[],
  groupsByName: Map<string, number>,
  locale: Locale = "lv",
): ImportPlan {
  const [head, ...body] = rows;
  if (!head) return { sessions: [], problems: [{ line: 1, column: "", messageKey: "attendance.import.empty" }] };
  const columns = head.cells.map(
    (h) => Object.keys(HEADERS).find((k) => HEADERS[k]!.includes(h.trim().toLowerCase())) ?? null,
  );
  const missing = REQUIRED.filter((r) => !columns.includes(r));
  if (missing.length > 0)
    return {
      sessions: [],
      problems: missing.map((m) => ({
        line: head.line,
        column: HEADERS[m]![locale === "lv" ? 1 : 0]!, // each list is [English, Latvian, ...]
        messageKey: "attendance.import.missing_column",
      })),
    };
  const plan: ImportPlan = { sessions: [], problems: [] };
  for (const row of body) {
    const values: Record<string, string> = {};
    columns.forEach((c, i) => c && (values[c] = normalise(c, row.cells[i] ?? "")));
    const names = (values.groups ?? "")
      .split(/[|,]/)
      .map((g) => g.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !groupsByName.has(n.toLowerCase()));
    for (const n of unknown)
      plan.problems.push({
        line: row.line,
        column: `${head.cells[columns.indexOf("groups")]}: ${n}`,
        messageKey: "attendance.import.unknown_group",
      });
    const parsed = sessionSchema.safeParse({
      ...values,
      groupIds: names.filter((n) => !unknown.includes(n)).map((n) => String(groupsByName.get(n.toLowerCase()))),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        plan.problems.push({
          line: row.line,
          column: head.cells[columns.indexOf(String(issue.path[0]))] ?? String(issue.path[0]),
          messageKey: issue.message,
        });
    } else if (unknown.length === 0) plan.sessions.push({ ...parsed.data, line: row.line });
  }
  if (body.length === 0) plan.problems.push({ line: head.line, column: "", messageKey: "attendance.import.no_rows" });
  return plan;
}
