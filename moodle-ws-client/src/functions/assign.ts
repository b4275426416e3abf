import type { MoodleClient } from "../client/moodle-client.js";
import { parseResult } from "../client/parse-result.js";
import {
  assignmentsByCourseSchema,
  submissionsByAssignmentSchema,
  type Assignment,
  type Submission,
} from "../schemas/assign.js";

/** The assignments of courses the token's user can see (mod_assign_get_assignments), flattened. */
export async function getAssignments(client: MoodleClient, courseids: number[]): Promise<Assignment[]> {
  const fn = "mod_assign_get_assignments";
  const result = parseResult(assignmentsByCourseSchema, await client.call(fn, { courseids }), fn);
  return result.courses.flatMap((c) => c.assignments);
}

/** The latest submissions of assignments (mod_assign_get_submissions), by assignment id. */
export async function getSubmissions(
  client: MoodleClient,
  assignmentids: number[],
): Promise<Map<number, Submission[]>> {
  const fn = "mod_assign_get_submissions";
  const result = parseResult(submissionsByAssignmentSchema, await client.call(fn, { assignmentids }), fn);
  return new Map(result.assignments.map((a) => [a.assignmentid, a.submissions]));
}
