import { z } from "zod";
import { flagSchema, intSchema } from "./common.js";

/** An attendance status (P, L, E, A …) of an attendance instance. `grade` may come as "2.00". */
export const attendanceStatusSchema = z.looseObject({
  id: intSchema,
  attendanceid: intSchema,
  acronym: z.string(),
  description: z.string(),
  grade: z.union([z.number(), z.string().transform(Number)]),
  visible: flagSchema.optional(),
  deleted: flagSchema.optional(),
  setnumber: intSchema.optional(),
});
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;

/** One mark; mod_attendance sends `id` and `statusid` as strings, we make them numbers. */
export const attendanceLogSchema = z.looseObject({
  id: intSchema,
  studentid: intSchema,
  statusid: intSchema,
  remarks: z.string().nullish(),
});
export type AttendanceLog = z.infer<typeof attendanceLogSchema>;

/** The session fields every attendance function returns; `lasttaken` is null until marks are taken. */
export const attendanceSessionBaseSchema = z.looseObject({
  id: intSchema,
  attendanceid: intSchema,
  groupid: intSchema,
  sessdate: intSchema,
  duration: intSchema,
  lasttaken: intSchema.nullish(),
  lasttakenby: intSchema.nullish(),
  timemodified: intSchema.nullish(),
  description: z.string(),
  descriptionformat: intSchema.optional(),
  studentscanmark: flagSchema.optional(),
  statusset: intSchema.optional(),
});

/** A session with its statuses, marks and the students expected (get_session / get_sessions). */
export const attendanceSessionSchema = attendanceSessionBaseSchema.extend({
  courseid: intSchema.optional(),
  statuses: z.array(attendanceStatusSchema),
  attendance_log: z.array(attendanceLogSchema),
  users: z.array(z.looseObject({ id: intSchema, firstname: z.string(), lastname: z.string() })),
});
export type AttendanceSession = z.infer<typeof attendanceSessionSchema>;

/** mod_attendance_get_courses_with_today_sessions; note there is no course id, only names. */
export const coursesWithTodaySessionsSchema = z.array(
  z.looseObject({
    shortname: z.string(),
    fullname: z.string(),
    attendance_instances: z.array(
      z.looseObject({ name: z.string(), today_sessions: z.array(attendanceSessionBaseSchema) }),
    ),
  }),
);
export type CoursesWithTodaySessions = z.infer<typeof coursesWithTodaySessionsSchema>;
