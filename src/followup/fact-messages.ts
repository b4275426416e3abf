import type { FollowupConfig } from "../db/schema.js";
import type { QueueMessageInput, Recipient } from "../notify/index.js";
import type { MemberRow } from "./queries.js";
import type { DecisionInput, WarningFact } from "./rules/decide-warnings.js";

/** The outbox's dedupe key of a fact's message: the fact key is unique per activity, this per platform. */
export const factDedupeKey = (activityId: number, factKey: string, to: "student" | "staff") =>
  `followup:a${activityId}:${factKey}:${to}`;

export interface FactMessageInput {
  fact: WarningFact;
  rules: FollowupConfig;
  activity: { id: number; title: string };
  course: { title: string };
  input: DecisionInput;
  student: MemberRow | undefined;
  lecturers: readonly MemberRow[];
  /** The student is being followed (contact log): the mentors get nothing more until it ends. */
  isFollowed?: boolean;
}

type Queued = Omit<QueueMessageInput, "platformId" | "courseId" | "now">;

const personOf = (m: MemberRow): Recipient => ({
  userId: m.userId,
  moodleUserId: m.userId,
  email: m.email,
  name: m.name,
  locale: m.locale ?? undefined,
});

/**
 * The messages of one fact: to the student (in their language) and one copy to the lecturers and mentors, as
 * the rule says. The data carries what the templates write (the sessions' dates, the figures) and what the
 * send-time check needs to re-decide (activity, student, fact key).
 */
export function factMessages(m: FactMessageInput): Queued[] {
  const { fact, rules, activity, course, student } = m;
  const rule = rules[fact.rule];
  const starts = new Map(m.input.sessions.map((s) => [s.id, s.startsAt.toISOString()]));
  const data = {
    context: fact.rule, // picks the rule's subject (i18next context: subject_below, ...)
    rule: fact.rule,
    activityId: activity.id,
    userId: fact.userId,
    factKey: fact.factKey,
    studentName: student?.name || fact.userId,
    courseTitle: course.title,
    activityTitle: activity.title,
    sessions: fact.sessionIds.map((id) => starts.get(id)).filter(Boolean),
    percent: fact.percent,
    threshold: rules.below.percent,
    minSessions: rules.below.minSessions,
    inARow: fact.inARow,
    count: fact.inARow,
    counted: fact.counted,
  };
  const out: Queued[] = [];
  if (rule.toStudent && student)
    out.push({
      kind: "followup-warning",
      dedupeKey: factDedupeKey(activity.id, fact.factKey, "student"),
      recipients: [personOf(student)],
      data,
    });
  const staff: Recipient[] = [
    ...(rule.toLecturers ? m.lecturers.map(personOf) : []),
    ...(rule.toMentors && !m.isFollowed ? rules.mentorEmails.map((email) => ({ email, locale: "lv" as const })) : []),
  ];
  if (staff.length > 0)
    out.push({
      kind: "followup-staff",
      dedupeKey: factDedupeKey(activity.id, fact.factKey, "staff"),
      recipients: staff,
      data,
    });
  return out;
}
