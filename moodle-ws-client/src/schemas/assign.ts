import { z } from "zod";
import { flagSchema, intSchema, warningsSchema } from "./common.js";

/**
 * An assignment as mod_assign_get_assignments describes it (mod/assign/externallib.php, get_assignments_returns):
 * only the fields Rollbook reads are required; `duedate` is a Unix time, 0 when there is none.
 */
export const assignmentSchema = z.looseObject({
  id: intSchema,
  cmid: intSchema,
  course: intSchema,
  name: z.string(),
  nosubmissions: flagSchema.optional(),
  duedate: intSchema.default(0),
  allowsubmissionsfromdate: intSchema.optional(),
  cutoffdate: intSchema.optional(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const assignmentsByCourseSchema = z.looseObject({
  courses: z.array(
    z.looseObject({ id: intSchema, fullname: z.string().optional(), assignments: z.array(assignmentSchema) }),
  ),
  warnings: warningsSchema,
});

/** One submission (get_submission_structure): `status` is new, draft, submitted or reopened. */
export const submissionSchema = z.looseObject({
  id: intSchema,
  userid: intSchema,
  status: z.string(),
  timemodified: intSchema.optional(),
  latest: intSchema.optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const submissionsByAssignmentSchema = z.looseObject({
  assignments: z.array(z.looseObject({ assignmentid: intSchema, submissions: z.array(submissionSchema) })),
  warnings: warningsSchema,
});
