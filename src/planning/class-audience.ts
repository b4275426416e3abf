import type { Db } from "../db/client.js";
import { listCourseGroupNames, listMemberGroupNames } from "./class-queries.js";

/** What Rollbook knows of a student's groups in a course: the course's group names and the student's own (lower case). */
export interface GroupAudience {
  courseGroups: Set<string>;
  mine: Set<string>;
}

const norm = (name: string) => name.trim().toLowerCase();

/** The group names of a class as the schedule wrote them ("BVK-21, BVK-22"), normalised. */
export function classGroupNames(groups: string): string[] {
  return groups.split(",").map(norm).filter(Boolean);
}

/**
 * Whether a class is for this viewer. Everyone sees a class without groups, and a class none of whose groups the course
 * knows (the schedule may name groups Moodle does not have: better shown than hidden); otherwise only its groups'
 * members do. A null audience (the lecturer, or nothing known) sees every class.
 */
export function isForAudience(groups: string, audience: GroupAudience | null): boolean {
  if (!audience) return true;
  const known = classGroupNames(groups).filter((g) => audience.courseGroups.has(g));
  return known.length === 0 || known.some((g) => audience.mine.has(g));
}

/** A student's group audience in a course (groups copied from Moodle or made in Rollbook); null when the course has no groups. */
export async function getGroupAudience(db: Db, courseId: number, userId: string): Promise<GroupAudience | null> {
  const groups = await listCourseGroupNames(db, courseId);
  if (groups.length === 0) return null;
  const mine = await listMemberGroupNames(db, courseId, userId);
  return { courseGroups: new Set(groups.map((g) => norm(g.name))), mine: new Set(mine.map((g) => norm(g.name))) };
}
