import { comparePeople } from "../i18n/compare-people.js";
import type { Actor } from "../lti/actor.js";
import { can } from "./policy.js";
import type { ActivityRow, CourseRow, MemberRow } from "./queries.js";

export interface MemberView {
  name: string;
  email: string | null;
  role: "student" | "lecturer";
  isEnrolled: boolean;
}

/** Roster order people expect: enrolled first, lecturers before students, then the one order of people (comparePeople). */
export function rosterOrder(a: MemberRow, b: MemberRow): number {
  return (
    Number(b.isEnrolled) - Number(a.isEnrolled) || Number(a.isLearner) - Number(b.isLearner) || comparePeople(a, b)
  );
}

/** The lecturer's home of an activity: course, activity, roster. */
export function presentLecturerHome(actor: Actor, course: CourseRow, activity: ActivityRow, members: MemberRow[]) {
  const people: MemberView[] = [...members].sort(rosterOrder).map((m) => ({
    name: m.name || m.userId,
    email: m.email,
    role: m.isLearner ? "student" : "lecturer",
    isEnrolled: m.isEnrolled,
  }));
  const students = people.filter((p) => p.role === "student");
  return {
    activityId: activity.id,
    activityTitle: activity.title,
    courseTitle: course.title,
    courseLabel: course.label,
    hasGradeColumn: activity.hasGradeColumn,
    scoreMaximum: activity.scoreMaximum,
    rosterSyncedAt: course.rosterSyncedAt?.toISOString() ?? null,
    studentCount: students.filter((s) => s.isEnrolled).length,
    leftCount: students.filter((s) => !s.isEnrolled).length,
    people,
    canRefreshRoster: can(actor, "roster.refresh") && Boolean(course.membershipsUrl),
  };
}
