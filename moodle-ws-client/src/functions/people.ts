import type { MoodleClient } from "../client/moodle-client.js";
import { parseResult } from "../client/parse-result.js";
import {
  courseGroupSchema,
  enrolledUserSchema,
  groupMembersSchema,
  userSchema,
  type CourseGroup,
  type EnrolledUser,
  type GroupMembers,
  type MoodleUser,
} from "../schemas/people.js";
import { z } from "zod";

/** The participants of a course with their roles and groups: the roster behind groups and messages. */
export async function getEnrolledUsers(
  client: MoodleClient,
  input: { courseid: number; options?: { name: string; value: string | number | boolean }[] },
): Promise<EnrolledUser[]> {
  const fn = "core_enrol_get_enrolled_users";
  return parseResult(z.array(enrolledUserSchema), await client.call(fn, input), fn);
}

/** Looks users up by id, idnumber, username or email. */
export async function getUsersByField(
  client: MoodleClient,
  input: { field: "id" | "idnumber" | "username" | "email"; values: (string | number)[] },
): Promise<MoodleUser[]> {
  const fn = "core_user_get_users_by_field";
  return parseResult(z.array(userSchema), await client.call(fn, input), fn);
}

/** The groups of a course, so sessions can be held for one group. */
export async function getCourseGroups(client: MoodleClient, courseid: number): Promise<CourseGroup[]> {
  const fn = "core_group_get_course_groups";
  return parseResult(z.array(courseGroupSchema), await client.call(fn, { courseid }), fn);
}

/** The member user ids of groups (ids only; resolve them with getEnrolledUsers or getUsersByField). */
export async function getGroupMembers(client: MoodleClient, groupids: number[]): Promise<GroupMembers[]> {
  const fn = "core_group_get_group_members";
  return parseResult(z.array(groupMembersSchema), await client.call(fn, { groupids }), fn);
}
