import { z } from "zod";
import { id } from "../http/validate.js";
import { MAX_ID } from "../http/forms.js";

/** The longest reason and lecturer's note kept; a longer one is refused with a message, never cut. */
export const MAX_REASON_LENGTH = 1000;

/** The params of one request's pages and actions. */
export const excuseParams = z.object({ activityId: id, excuseId: id });

/** The student's form (the file, if any, comes beside it: see uploadOf). */
export const submitExcuseSchema = z.object({
  sessionId: z.coerce
    .number({ error: "excuses.validation.session" })
    .int({ error: "excuses.validation.session" })
    .min(1, { error: "excuses.validation.session" })
    .max(MAX_ID, { error: "excuses.validation.session" }),
  reason: z
    .string({ error: "excuses.validation.reason_required" })
    .trim()
    .min(1, { error: "excuses.validation.reason_required" })
    .max(MAX_REASON_LENGTH, { error: "excuses.validation.reason_too_long" }),
  formToken: z.string().max(100).optional(),
});
export type SubmitExcuseInput = z.infer<typeof submitExcuseSchema>;

/** The student's page may be opened with a session chosen (from a session of their attendance list). */
export const studentPageQuerySchema = z.object({ session: z.coerce.number().int().min(1).max(MAX_ID).optional() });

/** A lecturer's decision: approve (a note is optional) or refuse (a note says why). */
export const decideExcuseSchema = z
  .object({
    decision: z.enum(["approve", "refuse"], { error: "excuses.validation.decision" }),
    note: z
      .string()
      .trim()
      .max(MAX_REASON_LENGTH, { error: "excuses.validation.note_too_long" })
      .optional()
      .transform((v) => v ?? ""),
  })
  .refine((d) => d.decision === "approve" || d.note.length > 0, {
    path: ["note"],
    error: "excuses.validation.note_required",
  });
export type DecideExcuseInput = z.infer<typeof decideExcuseSchema>;
