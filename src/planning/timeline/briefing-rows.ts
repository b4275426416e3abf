import type { StudyClassRow } from "../queries.js";

/** What can be wrong with a class on the briefing, most urgent first. */
export const BRIEFING_PROBLEMS = [
  "lecturer_help",
  "no_link",
  "publish_failed",
  "not_published",
  "reminders_failed",
  "lecturer_silent",
] as const;
export type BriefingProblem = (typeof BRIEFING_PROBLEMS)[number];

export interface BriefingFacts {
  /** The lecturer's answer through their link, by email (lower case). */
  replies: Map<string, { answer: "confirmed" | "help"; note: string }>;
  /** The class's publication status in Moodle (published, removed, failed...), by class id. */
  published: Map<number, string>;
  /** Deliveries of the class's reminders by state (lecturer's and students'), by class id. */
  reminders: Map<number, { sent: number; failed: number; waiting: number }>;
}

export interface BriefingRow {
  classId: number;
  startsAt: Date;
  endsAt: Date;
  course: string;
  groups: string;
  lecturerName: string;
  lecturerEmail: string;
  answer: "confirmed" | "help" | null;
  note: string;
  hasLink: boolean;
  publication: string | null;
  reminders: { sent: number; failed: number; waiting: number };
  problems: BriefingProblem[];
}

/**
 * The briefing of a study day for the centre: every online class that is not cancelled, with the lecturer's answer,
 * whether it has a meeting or link, whether it is published, and how its reminders went; the classes with problems
 * first (the most urgent problem first), then by start. Pure.
 */
export function briefingRows(classes: StudyClassRow[], facts: BriefingFacts): BriefingRow[] {
  const rows = classes
    .filter((c) => c.isOnline && c.state !== "cancelled")
    .map((c): BriefingRow => {
      const reply = facts.replies.get(c.lecturerEmail.trim().toLowerCase()) ?? null;
      const hasLink = Boolean(c.linkMode === "manual" ? c.manualUrl : c.joinUrl);
      const publication = facts.published.get(c.id) ?? null;
      const reminders = facts.reminders.get(c.id) ?? { sent: 0, failed: 0, waiting: 0 };
      const problems = BRIEFING_PROBLEMS.filter(
        (p) =>
          (p === "lecturer_help" && reply?.answer === "help") ||
          (p === "no_link" && !hasLink) ||
          (p === "publish_failed" && publication === "failed") ||
          (p === "not_published" && publication === null) ||
          (p === "reminders_failed" && reminders.failed > 0) ||
          (p === "lecturer_silent" && !reply),
      );
      return {
        classId: c.id,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        course: [c.courseRef, c.courseTitle].filter(Boolean).join(" "),
        groups: c.groups,
        lecturerName: c.lecturerName,
        lecturerEmail: c.lecturerEmail,
        answer: reply?.answer ?? null,
        note: reply?.note ?? "",
        hasLink,
        publication,
        reminders,
        problems,
      };
    });
  const urgency = (r: BriefingRow) => (r.problems.length ? BRIEFING_PROBLEMS.indexOf(r.problems[0]!) : 99);
  return rows.sort(
    (a, b) => urgency(a) - urgency(b) || a.startsAt.getTime() - b.startsAt.getTime() || a.classId - b.classId,
  );
}
