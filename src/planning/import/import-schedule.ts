import type { Db, Tx } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { insertStudyClasses, updateStudyClass } from "../class-queries.js";
import { getPlanningSettings, listClassesByKey, type StudyClassRow } from "../queries.js";
import { diffOf, recordChange, recordChanges } from "../record-change.js";
import { parseSchedule, type ParsedClass, type RowProblem } from "./parse-schedule.js";
import type { UnknownCourses } from "./unknown-courses.js";
import { isXlsx, readXlsx } from "../../spreadsheets/read-xlsx.js";
import { CsvReadError, readCsv, type SheetRow } from "../../spreadsheets/read-csv.js";
import { SpreadsheetLimitError } from "../../spreadsheets/limits.js";

export type ImportResult =
  { ok: false; problems: RowProblem[] } | { ok: true; created: number; updated: number; unchanged: number };

/** What an imported row sets on its class (the natural key's fields never change on an update). */
function fieldsOf(c: ParsedClass) {
  return {
    slotNo: c.slotNo,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    courseTitle: c.courseTitle,
    lecturerName: c.lecturerName,
    lecturerEmail: c.lecturerEmail,
    isOnline: c.isOnline,
    room: c.room,
  };
}

/** Classes one schedule file may hold (a college's semester is a few thousand); limits.too_many_rows names it. */
export const MAX_SCHEDULE_ROWS = 20_000;

/** The rows of an uploaded schedule, CSV or XLSX (told apart by the bytes, not the file name), or why the file cannot be read. */
async function readSchedule(bytes: Uint8Array): Promise<SheetRow[] | RowProblem> {
  const maxRows = MAX_SCHEDULE_ROWS + 1; // and the header
  try {
    const rows = isXlsx(bytes) ? await readXlsx(bytes, { maxRows }) : readCsv(bytes, { maxRows });
    return rows.length > maxRows ? { line: 1, column: "", key: "limits.too_many_rows" } : rows;
  } catch (err) {
    if (err instanceof SpreadsheetLimitError) return { line: 1, column: "", key: err.messageKey };
    if (isXlsx(bytes)) return { line: 1, column: "", key: "planning.import.errors.bad_xlsx" };
    if (err instanceof CsvReadError)
      return { line: err.line, column: "", key: `planning.import.errors.${err.problem}` };
    throw err;
  }
}

/**
 * Imports a semester schedule (CSV or XLSX bytes) for the actor's platform: all or nothing. A file with any problem changes
 * nothing and returns every problem by row and column; a corrected file updates the classes it imported before.
 * With `unknownCourses` (a Moodle connection), a clean file's courses are checked too and unknown ones reported by row.
 */
export async function importSchedule(
  db: Db,
  actor: Actor,
  bytes: Uint8Array,
  now: Date,
  unknownCourses?: UnknownCourses,
): Promise<ImportResult> {
  const settings = await getPlanningSettings(db, actor.platformId);
  const rows = await readSchedule(bytes);
  if (!Array.isArray(rows)) return { ok: false, problems: [rows] };
  const opts = { slots: settings.slots, zone: settings.timezone, locale: actor.locale };
  let { classes, problems } = parseSchedule(rows, opts);
  if (problems.length === 0 && unknownCourses) {
    const unknown = await unknownCourses(classes.map((c) => c.courseRef));
    if (unknown.size)
      ({ classes, problems } = parseSchedule(rows, {
        ...opts,
        courseExists: (ref) => !unknown.has(ref.trim().toLowerCase()),
      }));
  }
  if (problems.length) return { ok: false, problems };
  return db.transaction(async (tx) => {
    const existing = new Map(
      (
        await listClassesByKey(
          tx,
          actor.platformId,
          classes.map((c) => c.naturalKey),
        )
      ).map((r) => [r.naturalKey, r]),
    );
    const fresh = classes.filter((c) => !existing.has(c.naturalKey));
    await insertClasses(tx, actor, fresh, now);
    let updated = 0;
    for (const c of classes) {
      const before = existing.get(c.naturalKey);
      if (before && (await updateClass(tx, actor, before, c, now))) updated++;
    }
    return { ok: true as const, created: fresh.length, updated, unchanged: classes.length - fresh.length - updated };
  });
}

/** Inserts new classes a few hundred per statement (a semester is thousands) and records each as imported. */
async function insertClasses(db: Db | Tx, actor: Actor, fresh: ParsedClass[], now: Date): Promise<void> {
  for (let i = 0; i < fresh.length; i += 500) {
    const chunk = fresh.slice(i, i + 500);
    const values = chunk.map((c) => ({
      platformId: actor.platformId,
      naturalKey: c.naturalKey,
      classDate: c.classDate,
      courseRef: c.courseRef,
      groups: c.groups,
      ...fieldsOf(c),
      createdAt: now,
      updatedAt: now,
    }));
    const rows = await insertStudyClasses(db, values);
    const byKey = new Map(chunk.map((c) => [c.naturalKey, c]));
    await recordChanges(
      db,
      actor,
      rows.map((r) => ({
        classId: r.id,
        kind: "imported" as const,
        diff: diffOf({} as Record<string, unknown>, fieldsOf(byKey.get(r.naturalKey)!)),
      })),
      now,
    );
  }
}

/** Updates a class from a re-imported row; returns false when nothing differs. A moved class gives up its host lane (the next Zoom assignment re-places it). */
async function updateClass(
  db: Db | Tx,
  actor: Actor,
  before: StudyClassRow,
  c: ParsedClass,
  now: Date,
): Promise<boolean> {
  const fields = fieldsOf(c);
  const diff = diffOf(before, fields);
  if (Object.keys(diff).length === 0) return false;
  const moved = Boolean(diff.startsAt || diff.endsAt);
  const release = moved && before.zoomHostId ? { zoomHostId: null, zoomLane: null, hostConcurrency: null } : {};
  const state = before.state === "cancelled" ? "cancelled" : "changed";
  await updateStudyClass(db, before.id, { ...fields, ...release, state, updatedAt: now });
  await recordChange(db, actor, before.id, "imported", diff, now);
  return true;
}
