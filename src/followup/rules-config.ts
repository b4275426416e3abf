import type { FollowupConfig } from "../db/schema.js";
import type { FollowupRules } from "./rules/decide-warnings.js";

/**
 * What the Follow-up page offers before anything is saved: below 80 % once 3 sessions count, 3 absences in a
 * row, a reminder after each unexcused absence; messages to the student (lecturers and mentors get the first two).
 */
export const DEFAULT_CONFIG: FollowupConfig = {
  below: { isOn: true, percent: 80, minSessions: 3, toStudent: true, toLecturers: true, toMentors: true },
  consecutive: { isOn: true, count: 3, toStudent: true, toLecturers: true, toMentors: true },
  unexcused: { isOn: true, toStudent: true, toLecturers: false, toMentors: false },
  absenceStatusIds: null,
  delayMinutes: 30,
  mentorEmails: [],
};

/** A status as the rules need it: its set, its default key (A is "absent"), its points. */
export interface RuleStatus {
  id: number;
  setId: number;
  defaultKey: "present" | "late" | "excused" | "absent" | null;
  acronym: string;
  description: string | null;
  points: number;
}

/** The statuses counted as an absence: the chosen ones, or each set's A (never E, the excused status). */
export function absenceStatusIds(config: FollowupConfig, statuses: readonly RuleStatus[]): number[] {
  if (config.absenceStatusIds) return config.absenceStatusIds.filter((id) => statuses.some((s) => s.id === id));
  return statuses
    .filter((s) => s.defaultKey === "absent" || (s.defaultKey === null && s.acronym === "A"))
    .map((s) => s.id);
}

/** The saved configuration as the decision reads it. */
export function decisionRules(
  config: FollowupConfig,
  statuses: readonly RuleStatus[],
  basis: "taken" | "all",
  since: Date,
): FollowupRules {
  return {
    below: config.below,
    consecutive: config.consecutive,
    unexcused: config.unexcused,
    absenceStatusIds: absenceStatusIds(config, statuses),
    delayMinutes: config.delayMinutes,
    basis,
    since,
  };
}
