import { intervalOf, isSunday, slotContaining, type Slot } from "../slots.js";
import { columnTitle, mapColumns, REQUIRED_FIELDS, type ScheduleField } from "./schedule-columns.js";
import { isEmail, normaliseGroups, parseDate, parseMode, parseTime } from "./parse-values.js";

/** One class read from the schedule, its times already in UTC. */
export interface ParsedClass {
  line: number;
  naturalKey: string;
  classDate: string;
  slotNo: number | null;
  startsAt: Date;
  endsAt: Date;
  courseRef: string;
  courseTitle: string;
  lecturerName: string;
  lecturerEmail: string;
  groups: string;
  isOnline: boolean;
  room: string;
}

/** A problem with a row: line in the file, the column's header as the file names it, an i18n key and its values. */
export interface RowProblem {
  line: number;
  column: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface ParseOptions {
  slots: readonly Slot[];
  zone: string;
  /** Whether a course shortname or id exists on the platform; without it every course is accepted. */
  courseExists?: (ref: string) => boolean;
  /** The user's language, for the names of missing columns ("Trūkst kolonnas „Datums”"); Latvian by default. */
  locale?: "lv" | "en";
}

type Cells = (f: ScheduleField) => string;

/** Same date, start, course and groups = the same class: re-importing updates it instead of adding another. */
export function naturalKeyOf(c: Pick<ParsedClass, "classDate" | "courseRef" | "groups">, start: string): string {
  return [c.classDate, start, c.courseRef.trim().toLowerCase(), c.groups.toLowerCase()].join("|");
}

/** Reads a schedule's rows (the first is the header); every problem of every row is reported, classes only when there are none. */
export function parseSchedule(
  rows: ReadonlyArray<{ line: number; cells: string[] }>,
  opts: ParseOptions,
): { classes: ParsedClass[]; problems: RowProblem[] } {
  const [header, ...body] = rows;
  if (!header) return { classes: [], problems: [{ line: 1, column: "", key: "planning.import.errors.empty_file" }] };
  const columns = mapColumns(header.cells);
  const missing = REQUIRED_FIELDS.filter((f) => columns[f] === undefined);
  if (columns.slot === undefined && (columns.start === undefined || columns.end === undefined)) missing.push("slot");
  if (missing.length)
    return {
      classes: [],
      problems: missing.map((f) => ({
        line: header.line,
        column: columnTitle(f, opts.locale ?? "lv"),
        key: "planning.import.errors.missing_column",
        params: { field: columnTitle(f, opts.locale ?? "lv") },
      })),
    };
  const name = (f: ScheduleField) => header.cells[columns[f]!]?.trim() || f;
  const classes: ParsedClass[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    const cells: Cells = (f) => (columns[f] === undefined ? "" : (row.cells[columns[f]!] ?? "").trim());
    const found: RowProblem[] = [];
    const report = (f: ScheduleField, key: string, params?: RowProblem["params"]) =>
      found.push({ line: row.line, column: name(f), key: `planning.import.errors.${key}`, params });
    const parsed = parseRow(cells, opts, report);
    if (parsed && !found.length) {
      const first = seen.get(parsed.naturalKey);
      if (first !== undefined) report("course", "duplicate", { line: first });
      else seen.set(parsed.naturalKey, row.line);
    }
    if (found.length) problems.push(...found);
    else if (parsed) classes.push({ ...parsed, line: row.line });
  }
  return { classes: problems.length ? [] : classes, problems };
}

function parseRow(
  cells: Cells,
  opts: ParseOptions,
  report: (f: ScheduleField, key: string, params?: RowProblem["params"]) => void,
): Omit<ParsedClass, "line"> | null {
  const classDate = parseDate(cells("date"));
  if (!cells("date")) report("date", "required");
  else if (!classDate) report("date", "bad_date", { value: cells("date") });
  else if (isSunday(classDate, opts.zone)) report("date", "sunday", { value: classDate });
  const times = rowTimes(cells, opts.slots, report);
  const courseRef = cells("course");
  if (!courseRef) report("course", "required");
  else if (opts.courseExists && !opts.courseExists(courseRef)) report("course", "unknown_course", { value: courseRef });
  if (!cells("lecturer")) report("lecturer", "required");
  if (!cells("email")) report("email", "lecturer_email_missing");
  else if (!isEmail(cells("email"))) report("email", "bad_email", { value: cells("email") });
  const mode = parseMode(cells("mode"));
  if (!mode) report("mode", "bad_mode", { value: cells("mode") });
  if (!classDate || !times || !courseRef || !mode) return null;
  const interval = intervalOf(classDate, times.start, times.end, opts.zone);
  if ("problem" in interval) {
    report("start", "no_such_local_time", { value: `${times.start}–${times.end}` });
    return null;
  }
  const groups = normaliseGroups(cells("groups"));
  const base = { classDate, courseRef, groups };
  return {
    ...base,
    naturalKey: naturalKeyOf(base, times.start),
    slotNo: times.slotNo,
    ...interval,
    courseTitle: cells("title"),
    lecturerName: cells("lecturer"),
    lecturerEmail: cells("email").toLowerCase(),
    isOnline: mode === "online",
    room: cells("room"),
  };
}

/** Start and end from a slot number, from start–end (which must sit inside a slot), or both (which must agree). */
function rowTimes(
  cells: Cells,
  slots: readonly Slot[],
  report: (f: ScheduleField, key: string, params?: RowProblem["params"]) => void,
) {
  const rawSlot = cells("slot");
  const slot = rawSlot ? slots.find((s) => String(s.no) === rawSlot.replace(/\.$/, "")) : undefined;
  if (rawSlot && !slot) {
    report("slot", "unknown_slot", { value: rawSlot, slots: slots.map((s) => s.no).join(", ") });
    return null;
  }
  if (!cells("start") && !cells("end")) {
    if (slot) return { slotNo: slot.no, start: slot.start, end: slot.end };
    report("slot", "slot_or_times_required");
    return null;
  }
  const start = parseTime(cells("start"));
  const end = parseTime(cells("end"));
  if (!start) report("start", "bad_time", { value: cells("start") });
  if (!end) report("end", "bad_time", { value: cells("end") });
  if (!start || !end) return null;
  if (end <= start) {
    report("end", "end_before_start");
    return null;
  }
  const within =
    slot && slot.start <= start && end <= slot.end ? slot : slot ? null : slotContaining(start, end, slots);
  if (!within) {
    report("start", "outside_slots", {
      value: `${start}–${end}`,
      slots: slots.map((s) => `${s.start}–${s.end}`).join(", "),
    });
    return null;
  }
  return { slotNo: within.no, start, end };
}
