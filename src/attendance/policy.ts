import { definePolicy } from "../policy.js";
import type { Actor } from "../lti/actor.js";

const lecturer = (a: Actor) => a.isLecturer || a.isAdmin;

/** Who may do what with attendance: one line per action. */
export const attendancePolicy = {
  "attendance.manage": lecturer,
  "attendance.take": lecturer,
  "attendance.report": lecturer,
  "attendance.export": lecturer,
  "attendance.view_own": (a: Actor) => a.isStudent,
  "groups.manage": lecturer,
} as const;

export type AttendanceAction = keyof typeof attendancePolicy;

export const { can, authorize } = definePolicy(attendancePolicy);
