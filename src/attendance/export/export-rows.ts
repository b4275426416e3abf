import { and, asc, count, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../../db/client.js";
import {
  attendanceMarks,
  attendanceSessions,
  attendanceStatuses,
  courseMembers,
  type MarkKind,
} from "../../db/schema.js";
import { sortPeople } from "../../i18n/compare-people.js";
import type { T } from "../../i18n/i18n.js";
import { listGroups } from "../../groups/index.js";
import { buildReport } from "../report/build-report.js";
import type { PercentBasis } from "../rules/percentages.js";
import { loadReportInput } from "../report/queries.js";

/** One cell of an export: text or a number (CSV formats the number per dialect; XLSX keeps it a number). */
export type ExportCell = string | number | null | undefined;

/** Where an export's rows go, a batch at a time (the header first); resolves when the consumer wants more (back-pressure). */
export type RowSink = (rows: ExportCell[][]) => Promise<void>;

export interface ExportContext {
  db: Db;
  courseId: number;
  activityId: number;
  zone: string;
  basis: PercentBasis;
  now: Date;
  t: T;
  /** Marks read per query (tests use a small page to cross page boundaries). */
  pageSize?: number;
}

const PAGE = 2_000;
const MARK_KINDS: readonly MarkKind[] = ["lecturer", "self", "auto", "import"];
const TIDY_COLUMNS = [
  "student",
  "moodle_user_id",
  "email",
  "groups",
  "date",
  "start",
  "end",
  "status",
  "points",
  "remark",
  "by",
  "marked_by",
  "marked_at",
];

/**
 * Tidy shape: one row per mark, students in the one order of people (comparePeople, Latvian), each student's marks
 * by session time. Read a few students at a time (about a page of marks per query) and written as it comes.
 */
export async function exportTidy(x: ExportContext, write: RowSink): Promise<void> {
  const names = new Map(
    (await x.db.select().from(courseMembers).where(eq(courseMembers.courseId, x.courseId))).map((m) => [m.userId, m]),
  );
  const studentGroups = new Map<string, string[]>();
  for (const g of await listGroups(x.db, { courseId: x.courseId }))
    for (const u of g.userIds) studentGroups.set(u, [...(studentGroups.get(u) ?? []), g.name]);
  await write([TIDY_COLUMNS.map((h) => x.t(`attendance.export.col.${h}`))]);
  // luxon is slow per call and a page repeats a few instants (a session's start and end) many times: remember them
  const seen = new Map<number, string>();
  const local = (d: Date) => {
    let text = seen.get(d.getTime());
    if (text === undefined)
      seen.set(d.getTime(), (text = DateTime.fromJSDate(d, { zone: x.zone }).toFormat("yyyy-MM-dd HH:mm:ss")));
    return text;
  };
  // the Kind column in the file's language ("pasniedzējs", "automātiski"), as every other column title and value
  const kinds: Record<string, string> = Object.fromEntries(
    MARK_KINDS.map((k) => [k, x.t(`attendance.export.kind.${k}`)]),
  );
  const ofActivity = eq(attendanceSessions.activityId, x.activityId);
  const marked = await x.db
    .selectDistinct({ userId: attendanceMarks.userId })
    .from(attendanceMarks)
    .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendanceMarks.sessionId))
    .where(ofActivity);
  const students = sortPeople(marked.map((r) => names.get(r.userId) ?? { userId: r.userId, name: r.userId }));
  const [held] = await x.db.select({ n: count() }).from(attendanceSessions).where(ofActivity);
  const page = x.pageSize ?? PAGE;
  // a student has at most one mark per session: this many students make about a page of marks
  const perQuery = Math.max(1, Math.floor(page / Math.max(1, Number(held?.n ?? 0))));
  const pending: ExportCell[][] = [];
  for (let i = 0; i < students.length; i += perQuery) {
    const chunk = students.slice(i, i + perQuery).map((p) => p.userId);
    const rank = new Map(chunk.map((u, j) => [u, j]));
    const rows = await x.db
      .select({
        mark: attendanceMarks,
        startsAt: attendanceSessions.startsAt,
        endsAt: attendanceSessions.endsAt,
        acronym: attendanceStatuses.acronym,
        points: attendanceStatuses.points,
      })
      .from(attendanceMarks)
      .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendanceMarks.sessionId))
      .innerJoin(attendanceStatuses, eq(attendanceStatuses.id, attendanceMarks.statusId))
      .where(and(ofActivity, inArray(attendanceMarks.userId, chunk)))
      .orderBy(asc(attendanceSessions.startsAt), asc(attendanceMarks.id));
    rows.sort((a, b) => rank.get(a.mark.userId)! - rank.get(b.mark.userId)!); // stable: keeps the time order
    for (const r of rows) {
      const m = names.get(r.mark.userId);
      const [date, start] = local(r.startsAt).split(" ") as [string, string];
      pending.push([
        m?.name ?? r.mark.userId,
        r.mark.userId,
        m?.email ?? "",
        (studentGroups.get(r.mark.userId) ?? []).join(", "),
        date,
        start.slice(0, 5),
        local(r.endsAt).slice(11, 16),
        r.acronym,
        r.points,
        r.mark.remark,
        kinds[r.mark.by] ?? r.mark.by,
        names.get(r.mark.markedBy)?.name ?? r.mark.markedBy,
        local(r.mark.markedAt),
      ]);
    }
    while (pending.length >= page) await write(pending.splice(0, page));
    if (seen.size > 10_000) seen.clear();
  }
  if (pending.length > 0) await write(pending);
}

/** Wide shape: a row per student, a column per session (status acronym), then points and both percentages. */
export async function exportWide(x: ExportContext, write: RowSink): Promise<void> {
  const input = await loadReportInput(x.db, x.courseId, x.activityId, x.basis, x.now);
  const members = new Map(
    (await x.db.select().from(courseMembers).where(eq(courseMembers.courseId, x.courseId))).map((m) => [m.userId, m]),
  );
  const sessionCols = input.sessions.map((s) =>
    DateTime.fromJSDate(s.startsAt, { zone: x.zone }).toFormat("yyyy-MM-dd HH:mm"),
  );
  const col = (k: string) => x.t(`attendance.export.col.${k}`);
  await write([
    [
      col("student"),
      col("moodle_user_id"),
      col("email"),
      ...sessionCols,
      col("points"),
      col("max_points"),
      x.t("attendance.report.percent_taken"),
      x.t("attendance.report.percent_all"),
    ],
  ]);
  let batch: ExportCell[][] = [];
  for (const row of buildReport(input)) {
    const max = x.basis === "all" ? row.totals.maxPointsHeld : row.totals.maxPointsTaken;
    batch.push([
      row.student.name,
      row.student.userId,
      members.get(row.student.userId)?.email ?? "",
      ...row.cells.map((c) => c.acronym),
      row.totals.points,
      max,
      row.totals.percentTaken,
      row.totals.percentAll,
    ]);
    if (batch.length >= 200) {
      await write(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await write(batch);
}
