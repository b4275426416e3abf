import type { MoodleClient } from "../client/moodle-client.js";
import { checkWarnings, type WarningsOptions } from "../client/check-warnings.js";
import { parseResult } from "../client/parse-result.js";
import {
  courseContentsSchema,
  coursesByFieldSchema,
  updateCoursesResultSchema,
  type CourseSection,
  type CoursesByField,
  type UpdateCoursesResult,
} from "../schemas/course.js";

/** Finds courses by id, shortname, idnumber, category …, e.g. the course an LTI launch came from. */
export async function getCoursesByField(
  client: MoodleClient,
  input: { field: "id" | "ids" | "shortname" | "idnumber" | "category" | "sectionid"; value: string | number },
  options?: WarningsOptions,
): Promise<CoursesByField> {
  const fn = "core_course_get_courses_by_field";
  const result = parseResult(coursesByFieldSchema, await client.call(fn, input), fn);
  return checkWarnings(client, fn, result, options);
}

/** The sections and activities of a course, e.g. to find its forum or attendance instances. */
export async function getCourseContents(
  client: MoodleClient,
  input: { courseid: number; options?: { name: string; value: string | number | boolean }[] },
): Promise<CourseSection[]> {
  const fn = "core_course_get_contents";
  return parseResult(courseContentsSchema, await client.call(fn, input), fn);
}

/** One course change for core_course_update_courses; only the given fields change. */
export interface CourseUpdate {
  id: number;
  fullname?: string;
  shortname?: string;
  idnumber?: string;
  summary?: string;
  summaryformat?: number;
  startdate?: number;
  enddate?: number;
  visible?: boolean | number;
}

/** Updates course settings; per-course failures come back as `warnings[]` (strict mode throws them). */
export async function updateCourses(
  client: MoodleClient,
  courses: CourseUpdate[],
  options?: WarningsOptions,
): Promise<UpdateCoursesResult> {
  const fn = "core_course_update_courses";
  const result = parseResult(
    updateCoursesResultSchema,
    await client.call(fn, { courses: courses.map((c) => ({ ...c })) }),
    fn,
  );
  return checkWarnings(client, fn, result, options);
}
