import { z } from "zod";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "planning.errors.bad_date");

/** A study day's timeline page. */
export const timelineParams = z.object({ activityId: z.coerce.number().int().min(1), date });
/** One step of it. */
export const stepParams = timelineParams.extend({ step: z.string().regex(/^[a-z_]{1,40}$/) });
export const runStepSchema = z.object({ mode: z.enum(["run", "retry"]).default("run") });
export const pauseSchema = z.object({ paused: z.enum(["0", "1"]) });

/** A lecturer's answer through the signed link. */
export const lecturerReplySchema = z.object({
  answer: z.enum(["confirmed", "help"]),
  note: z.string().trim().max(2_000, "timeline.lecturer.note_too_long").default(""),
});
export type LecturerReplyInput = z.infer<typeof lecturerReplySchema>;

/** Attendee counts from a lecturer's link: `count_<class id>` fields, each empty or a whole number up to 9999. */
export const lecturerCountsSchema = z.record(
  z.string().regex(/^count_\d{1,10}$/),
  z
    .string()
    .trim()
    .regex(/^\d{0,4}$/, "timeline.lecturer.bad_count"),
);
