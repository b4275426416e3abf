import { Forbidden } from "../errors.js";
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

/** For views: may the actor do this? */
export function can(actor: Actor, action: AttendanceAction): boolean {
  return attendancePolicy[action](actor);
}

/** Throws Forbidden (with the action's own message) unless the actor may do this. */
export function authorize(actor: Actor, action: AttendanceAction): void {
  if (!can(actor, action)) throw Forbidden(`errors.forbidden_${action.replace(".", "_")}`);
}
