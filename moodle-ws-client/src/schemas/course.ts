import { z } from "zod";
import { flagSchema, intSchema, warningsSchema } from "./common.js";

/** One course as core_course_get_courses_by_field describes it. */
export const courseSchema = z.looseObject({
  id: intSchema,
  fullname: z.string(),
  displayname: z.string().optional(),
  shortname: z.string(),
  categoryid: intSchema.optional(),
  categoryname: z.string().optional(),
  summary: z.string().optional(),
  summaryformat: intSchema.optional(),
  idnumber: z.string().optional(),
  format: z.string().optional(),
  startdate: intSchema.optional(),
  enddate: intSchema.optional(),
  visible: flagSchema.optional(),
  groupmode: intSchema.optional(),
  marker: intSchema.optional(),
  contacts: z.array(z.looseObject({ id: intSchema, fullname: z.string() })).optional(),
});
export type Course = z.infer<typeof courseSchema>;

/** core_course_get_courses_by_field. */
export const coursesByFieldSchema = z.object({ courses: z.array(courseSchema), warnings: warningsSchema });
export type CoursesByField = z.infer<typeof coursesByFieldSchema>;

/** One activity in a course section. */
export const courseModuleSchema = z.looseObject({
  id: intSchema,
  url: z.string().optional(),
  name: z.string(),
  instance: intSchema.optional(),
  contextid: intSchema.optional(),
  visible: flagSchema.optional(),
  uservisible: z.boolean().optional(),
  modname: z.string(),
  modplural: z.string().optional(),
  availability: z.string().nullish(),
  groupmode: intSchema.optional(),
});
export type CourseModule = z.infer<typeof courseModuleSchema>;

/** One section of core_course_get_contents. */
export const courseSectionSchema = z.looseObject({
  id: intSchema,
  name: z.string(),
  visible: flagSchema.optional(),
  summary: z.string().optional(),
  summaryformat: intSchema.optional(),
  section: intSchema,
  uservisible: z.boolean().optional(),
  modules: z.array(courseModuleSchema),
});
export type CourseSection = z.infer<typeof courseSectionSchema>;

/** core_course_get_contents. */
export const courseContentsSchema = z.array(courseSectionSchema);

/** core_course_update_courses: only warnings; empty means every course was updated. */
export const updateCoursesResultSchema = z.object({ warnings: warningsSchema });
export type UpdateCoursesResult = z.infer<typeof updateCoursesResultSchema>;
