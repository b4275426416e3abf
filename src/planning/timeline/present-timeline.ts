import { DateTime } from "luxon";
import type { T } from "../../i18n/i18n.js";
import type { Locale } from "../../lti/actor.js";
import type { StudyClassRow } from "../queries.js";
import type { TimelineStepRow } from "./queries.js";
import { finalCount } from "./count-attendees.js";
import { TIMELINE_STEPS, type Timeline, type TimelineStep } from "./study-day-timeline.js";

/** One line of the timeline page. */
export interface StepView {
  step: string;
  name: string;
  due: string;
  state: string;
  stateLabel: string;
  did: string[];
  problems: string[];
  canRun: boolean;
  canRetry: boolean;
}

export type DeliveryCounts = Map<number, Record<string, number>>;
export type LecturerCounts = Map<number, { attendees: number; updatedAt: Date }>;

const DUE_FORMAT: Record<Locale, string> = { lv: "cccc, d. MMMM, HH:mm", en: "ccc d MMM, HH:mm" };

const PER_DAY = new Set(["publish", "briefing", "live", "cleanup"]);

/** The state of a step from its rows: not due / pending until it runs, then done, failed, skipped, or partly. */
export function stepState(rows: TimelineStepRow[], isDue: boolean): string {
  if (rows.length === 0) return isDue ? "pending" : "not_due";
  if (rows.some((r) => r.state === "failed")) return "failed";
  if (rows.every((r) => r.state === "skipped")) return "skipped";
  if (rows.every((r) => r.state === "done" || r.state === "skipped")) return "done";
  return rows.some((r) => r.state === "done") ? "partly" : "pending";
}

/** Deliveries of the step's messages, summed per state. */
function messageCounts(rows: TimelineStepRow[], deliveries: DeliveryCounts): Record<string, number> | null {
  const ids = [...new Set(rows.map((r) => r.messageId).filter((id): id is number => id !== null))];
  if (ids.length === 0) return null;
  const sum: Record<string, number> = { queued: 0, sent: 0, failed: 0, skipped: 0 };
  for (const id of ids)
    for (const [state, n] of Object.entries(deliveries.get(id) ?? {}))
      sum[state === "retrying" ? "queued" : state] = (sum[state === "retrying" ? "queued" : state] ?? 0) + n;
  return sum;
}

/** The counts step's lines: Zoom's reports (students, unmatched names) and the final count with lecturers' ones. */
function countLines(rows: TimelineStepRow[], classIds: number[], lecturerCounts: LecturerCounts, t: T): string[] {
  const lines: string[] = [];
  const done = rows.filter((r) => r.state === "done");
  const totals = { zoom: 0, lecturer: 0, total: 0 };
  for (const classId of classIds) {
    const row = done.find((r) => r.classId === classId);
    const zoom = row
      ? { students: (row.result as { students: number }).students, at: row.doneAt ?? row.updatedAt }
      : null;
    const given = lecturerCounts.get(classId);
    const final = finalCount(zoom, given ? { attendees: given.attendees, at: given.updatedAt } : null);
    if (!final) continue;
    totals[final.source]++;
    totals.total += final.count;
  }
  if (totals.zoom + totals.lecturer > 0) lines.push(t("timeline.did.count_total", totals));
  const counted = done.map((r) => r.result as { students: number; unmatched: string[] });
  if (counted.length)
    lines.push(
      t("timeline.did.counts", {
        classes: counted.length,
        students: counted.reduce((n, r) => n + r.students, 0),
        unmatched: counted.reduce((n, r) => n + r.unmatched.length, 0),
      }),
    );
  return lines;
}

function didLines(step: string, rows: TimelineStepRow[], classCount: number, deliveries: DeliveryCounts, t: T) {
  const lines: string[] = [];
  const result = rows[0]?.result as Record<string, string | number> | null | undefined;
  if (!PER_DAY.has(step) && rows.length > 0)
    lines.push(t("timeline.did.classes", { done: rows.filter((r) => r.state === "done").length, total: classCount }));
  const counts = messageCounts(rows, deliveries);
  if (counts) lines.push(t("timeline.did.messages", counts));
  if (result && (step === "publish" || step === "cleanup" || step === "briefing"))
    lines.push(t(`timeline.did.${step}`, result));
  return lines;
}

/** A problem line: "BK101 09:00 — no Zoom meeting or link" (or the day's reason). */
function problemLines(rows: TimelineStepRow[], classes: Map<number, StudyClassRow>, zone: string, t: T) {
  return rows
    .filter((r) => r.state === "failed")
    .map((r) => {
      const reason = t(`timeline.reasons.${r.reasonKey ?? "internal"}`, r.reasonParams ?? {});
      const c = classes.get(r.classId);
      if (!c) return reason;
      const time = DateTime.fromJSDate(c.startsAt, { zone }).toFormat("HH:mm");
      return `${c.courseRef} ${time} (${c.lecturerName}) — ${reason}`;
    });
}

/**
 * The timeline page's lines: the steps in order with their due time in the platform's zone, state, what they did
 * (classes done, messages queued/sent/failed, publishing and cleanup figures) and the failed rows' reasons.
 */
export function presentTimeline(input: {
  timeline: Timeline;
  rows: TimelineStepRow[];
  classes: StudyClassRow[];
  deliveries: DeliveryCounts;
  /** Counts lecturers entered through their links, by class. */
  lecturerCounts?: LecturerCounts;
  zone: string;
  locale: Locale;
  now: Date;
  t: T;
}): StepView[] {
  const { t } = input;
  const classes = new Map(input.classes.map((c) => [c.id, c]));
  const steps: string[] = [...TIMELINE_STEPS];
  if (input.rows.some((r) => r.step === "cancellation")) steps.push("cancellation");
  return steps.map((step) => {
    const rows = input.rows.filter((r) => r.step === step);
    const dueAt = step === "cancellation" ? null : input.timeline[step as TimelineStep];
    const state = stepState(rows, !dueAt || dueAt <= input.now);
    return {
      step,
      name: t(`timeline.steps.${step}`),
      due: dueAt
        ? DateTime.fromJSDate(dueAt, { zone: input.zone }).setLocale(input.locale).toFormat(DUE_FORMAT[input.locale])
        : "",
      state,
      stateLabel: t(`timeline.state.${state}`),
      did:
        step === "counts"
          ? countLines(
              rows,
              input.classes.map((c) => c.id),
              input.lecturerCounts ?? new Map(),
              t,
            )
          : didLines(step, rows, input.classes.length, input.deliveries, t),
      problems: problemLines(rows, classes, input.zone, t),
      canRun: step !== "cancellation",
      canRetry: rows.some((r) => r.state === "failed"),
    };
  });
}

/** The summary line of a day on the study-day list: "Reminders sent 41/42; 1 failed". */
export function presentDaySummary(
  rows: TimelineStepRow[],
  deliveries: DeliveryCounts,
  isPaused: boolean,
  t: T,
): string {
  const reminders = rows.filter((r) => r.step === "lecturer_reminders" || r.step === "student_reminders");
  const counts = messageCounts(reminders, deliveries);
  const failedRows = reminders.filter((r) => r.state === "failed").length;
  const parts = [];
  if (!counts) parts.push(t("timeline.summary_empty"));
  else {
    const total = counts.queued! + counts.sent! + counts.failed! + counts.skipped!;
    parts.push(t("timeline.summary", { sent: counts.sent, total, failed: counts.failed! + failedRows }));
  }
  if (isPaused) parts.push(t("timeline.summary_paused"));
  return parts.join(" · ");
}
