import type { NotifyChannel } from "../db/schema.js";

/** What the outbox knows about one kind of message; the features that send it add their kind here. */
export interface KindDefinition {
  /** Channels when the platform has not chosen (a notify_kind_settings row overrides). */
  defaultChannels: readonly NotifyChannel[];
  /** A reminder to students: carries a signed unsubscribe link, where the platform allows opting out. */
  isStudentReminder: boolean;
}

/**
 * Every message kind, each with its templates in views/notify/<kind>/ and its strings under `notify.kinds.<kind>`.
 * `test`: the connection check an admin sends to see mail arrive. `notice`: a short dated notice to students.
 */
export const MESSAGE_KINDS = {
  test: { defaultChannels: ["email"], isStudentReminder: false },
  notice: { defaultChannels: ["email"], isStudentReminder: true },
  /** Follow-up (src/followup): an absence warning to the student; not a reminder one opts out of. */
  "followup-warning": { defaultChannels: ["email"], isStudentReminder: false },
  /** Follow-up: the same fact for the lecturers and mentors. */
  "followup-staff": { defaultChannels: ["email"], isStudentReminder: false },
  // study days (src/planning/timeline): a lecturer's classes of a day, a class to its students, a cancelled class
  lecturer_reminder: { defaultChannels: ["email"], isStudentReminder: false },
  student_reminder: { defaultChannels: ["email"], isStudentReminder: true },
  class_cancelled: { defaultChannels: ["email"], isStudentReminder: false },
  /** Follow-up: a mentor's or lecturer's own message to a student, from the contact log. */
  "followup-contact": { defaultChannels: ["email"], isStudentReminder: false },
  class_changed: { defaultChannels: ["email"], isStudentReminder: false },
  /** Excused absences (src/excuses): a student's new request, to the lecturers. */
  "excuse-request": { defaultChannels: ["email"], isStudentReminder: false },
  /** Excused absences: the lecturer's decision, to the student. */
  "excuse-decision": { defaultChannels: ["email"], isStudentReminder: false },
  /** Excused absences: a request withdrawn after its message reached the lecturers, to those it reached. */
  "excuse-withdrawn": { defaultChannels: ["email"], isStudentReminder: false },
} as const satisfies Record<string, KindDefinition>;

export type MessageKind = keyof typeof MESSAGE_KINDS;

export const isMessageKind = (k: string): k is MessageKind => Object.hasOwn(MESSAGE_KINDS, k);
