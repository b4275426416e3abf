import { z } from "zod";

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");
const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: "validation.number" })
    .int({ error: "followup.validation.whole_number" })
    .min(min, { error: "followup.validation.range" })
    .max(max, { error: "followup.validation.range" });
const emails = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/[\s,;]+/)
      .map((e) => e.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ error: "followup.validation.email" })).max(20, { error: "validation.too_large" }));
const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))
  .pipe(z.array(z.number().int().min(1)).min(1, { error: "followup.validation.absence_statuses" }));

/** The Follow-up page's rules form (checkboxes come as "on" or are missing). */
export const saveRulesSchema = z.object({
  belowIsOn: checkbox,
  belowPercent: whole(1, 100),
  belowMinSessions: whole(1, 100),
  belowToStudent: checkbox,
  belowToLecturers: checkbox,
  belowToMentors: checkbox,
  consecutiveIsOn: checkbox,
  consecutiveCount: whole(1, 50),
  consecutiveToStudent: checkbox,
  consecutiveToLecturers: checkbox,
  consecutiveToMentors: checkbox,
  unexcusedIsOn: checkbox,
  unexcusedToStudent: checkbox,
  unexcusedToLecturers: checkbox,
  unexcusedToMentors: checkbox,
  absenceStatusIds: ids,
  delayMinutes: whole(0, 1440),
  mentorEmails: emails,
});
export type SaveRulesInput = z.infer<typeof saveRulesSchema>;

/** The at-risk list's sorting, filters, scope and format. */
export const atRiskQuerySchema = z.object({
  scope: z.enum(["activity", "platform"]).default("activity"),
  show: z.enum(["risk", "below", "in_a_row", "warned", "all"]).default("risk"),
  q: z.string().trim().max(100).default(""),
  sort: z.enum(["name", "percent", "in_a_row", "last_attended", "course", "warnings"]).default("percent"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  format: z.enum(["html", "csv", "xlsx"]).default("html"),
});
export type AtRiskQuery = z.infer<typeof atRiskQuerySchema>;

/** A contact with a student, from their page: a message through the outbox, or one made another way. */
export const recordContactSchema = z
  .object({
    channel: z.enum(["message", "phone", "meeting", "other"], { error: "followup.validation.channel" }),
    note: z.string().trim().max(2000, { error: "validation.too_long" }).default(""),
    message: z.string().trim().max(4000, { error: "validation.too_long" }).default(""),
    followDays: whole(0, 90).default(0),
  })
  .refine((c) => c.channel !== "message" || c.message.length > 0, {
    path: ["message"],
    error: "followup.validation.message_required",
  });
export type RecordContactInput = z.infer<typeof recordContactSchema>;

/** Which activity a student's page is about (the launched one, or another of the platform for coordinators). */
export const studentPageQuerySchema = z.object({ of: z.coerce.number().int().min(1).max(2_147_483_647).optional() });
