import { z } from "zod";

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");

const optionalMinutes = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(
    z
      .number({ error: "validation.number" })
      .int({ error: "attendance.validation.whole_number" })
      .min(0, { error: "attendance.validation.not_negative" })
      .max(1440, { error: "validation.too_large" })
      .nullable(),
  );

/** A status as the lecturer edits it. An empty description keeps the default label (in the reader's language). */
export const statusSchema = z.object({
  acronym: z
    .string()
    .trim()
    .min(1, { error: "attendance.validation.required" })
    .max(3, { error: "attendance.validation.acronym_length" }),
  description: z
    .string()
    .trim()
    .max(100, { error: "validation.too_long" })
    .optional()
    .transform((v) => v || null),
  points: z.coerce
    .number({ error: "validation.number" })
    .min(0, { error: "attendance.validation.not_negative" })
    .max(100, { error: "validation.too_large" }),
  checkinUntilMinutes: optionalMinutes,
  isUnmarkedDefault: checkbox,
});
export type StatusInput = z.infer<typeof statusSchema>;
