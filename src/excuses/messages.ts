import type { QueueMessageInput, Recipient } from "../notify/index.js";
import type { ExcuseRow, MemberRow } from "./queries.js";

type Queued = Omit<QueueMessageInput, "platformId" | "courseId" | "now">;

const personOf = (m: MemberRow): Recipient => ({
  userId: m.userId,
  moodleUserId: m.userId,
  email: m.email,
  name: m.name,
  locale: m.locale ?? undefined,
});

export interface ExcuseMessageInput {
  excuse: Pick<ExcuseRow, "id" | "reason">;
  session: { startsAt: Date; lecturerUserId: string | null };
  course: { title: string };
  activity: { title: string };
}

/**
 * Who hears of a new request (pure): the session's own lecturer when it names one who teaches the course, else
 * every lecturer of the course; each in their language. The file is not attached: it is only downloaded in the tool.
 */
export function requestMessage(m: ExcuseMessageInput, student: MemberRow, lecturers: MemberRow[], hasFile: boolean) {
  const own = lecturers.filter((l) => l.userId === m.session.lecturerUserId);
  const to = own.length > 0 ? own : lecturers;
  if (to.length === 0) return null;
  return {
    kind: "excuse-request",
    dedupeKey: `excuse:${m.excuse.id}:request`,
    recipients: to.map(personOf),
    data: {
      excuseId: m.excuse.id,
      studentName: student.name || student.userId,
      courseTitle: m.course.title,
      activityTitle: m.activity.title,
      startsAt: m.session.startsAt.toISOString(),
      reason: m.excuse.reason,
      hasFile,
    },
  } satisfies Queued;
}

/** The student's message about the decision (pure): approved or refused, with the lecturer's note. */
export function decisionMessage(
  m: ExcuseMessageInput,
  student: MemberRow,
  decision: { state: "approved" | "refused"; note: string; byName: string },
) {
  return {
    kind: "excuse-decision",
    dedupeKey: `excuse:${m.excuse.id}:decision`,
    recipients: [personOf(student)],
    data: {
      excuseId: m.excuse.id,
      context: decision.state, // picks the subject: subject_approved / subject_refused
      state: decision.state,
      note: decision.note,
      byName: decision.byName,
      courseTitle: m.course.title,
      activityTitle: m.activity.title,
      startsAt: m.session.startsAt.toISOString(),
    },
  } satisfies Queued;
}

/**
 * The lecturers' note that a request was withdrawn (pure): only to the lecturers its request message reached
 * (`reached`: their user ids), each in their language; null when it reached nobody (then it was skipped).
 */
export function withdrawnMessage(m: ExcuseMessageInput, student: MemberRow, lecturers: MemberRow[], reached: string[]) {
  const to = lecturers.filter((l) => reached.includes(l.userId));
  if (to.length === 0) return null;
  return {
    kind: "excuse-withdrawn",
    dedupeKey: `excuse:${m.excuse.id}:withdrawn`,
    recipients: to.map(personOf),
    data: {
      excuseId: m.excuse.id,
      studentName: student.name || student.userId,
      courseTitle: m.course.title,
      activityTitle: m.activity.title,
      startsAt: m.session.startsAt.toISOString(),
    },
  } satisfies Queued;
}
