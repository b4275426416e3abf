import { z } from "zod";
import { intSchema } from "./common.js";

/** A course participant (core_enrol_get_enrolled_users); a student token gets fewer fields. */
export const enrolledUserSchema = z.looseObject({
  id: intSchema,
  username: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  fullname: z.string(),
  email: z.string().optional(),
  idnumber: z.string().optional(),
  /** When the user last opened this course (Unix time; 0 never). */
  lastcourseaccess: intSchema.optional(),
  groups: z.array(z.looseObject({ id: intSchema, name: z.string() })).optional(),
  roles: z.array(z.looseObject({ roleid: intSchema, name: z.string().optional(), shortname: z.string() })).optional(),
  enrolledcourses: z.array(z.looseObject({ id: intSchema, fullname: z.string(), shortname: z.string() })).optional(),
});
export type EnrolledUser = z.infer<typeof enrolledUserSchema>;

/** A user profile (core_user_get_users_by_field). */
export const userSchema = z.looseObject({
  id: intSchema,
  username: z.string().optional(),
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  fullname: z.string(),
  email: z.string().optional(),
  idnumber: z.string().optional(),
  suspended: z.boolean().optional(),
  timezone: z.string().optional(),
  lang: z.string().optional(),
});
export type MoodleUser = z.infer<typeof userSchema>;

/** A course group (core_group_get_course_groups). */
export const courseGroupSchema = z.looseObject({
  id: intSchema,
  courseid: intSchema,
  name: z.string(),
  description: z.string().nullish(),
  descriptionformat: intSchema.optional(),
  enrolmentkey: z.string().nullish(),
  idnumber: z.string().nullish(),
  visibility: intSchema.optional(),
  participation: z.boolean().optional(),
});
export type CourseGroup = z.infer<typeof courseGroupSchema>;

/** The member ids of one group (core_group_get_group_members). */
export const groupMembersSchema = z.looseObject({ groupid: intSchema, userids: z.array(intSchema) });
export type GroupMembers = z.infer<typeof groupMembersSchema>;
