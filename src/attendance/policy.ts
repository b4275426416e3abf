import { definePolicy, isStaff } from "../policy.js";
import type { Actor } from "../lti/actor.js";

/** Who may do what with attendance: one line per action. */
export const attendancePolicy = {
  "attendance.manage": isStaff,
  "attendance.take": isStaff,
  "attendance.report": isStaff,
  "attendance.export": isStaff,
  "attendance.view_own": (a: Actor) => a.isStudent,
} as const;

export type AttendanceAction = keyof typeof attendancePolicy;

export const { can, authorize } = definePolicy(attendancePolicy);
