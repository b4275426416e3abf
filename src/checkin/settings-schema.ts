import { z } from "zod";
import { parseIpRanges } from "./ip-ranges.js";

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: "checkin.validation.whole_number" })
    .int({ error: "checkin.validation.whole_number" })
    .min(min, { error: "checkin.validation.range" })
    .max(max, { error: "checkin.validation.range" });
const checkbox = z
  .union([z.literal("on"), z.literal("1"), z.literal("true")])
  .optional()
  .transform((v) => v !== undefined);

/** A session's check-in settings as the lecturer enters them. */
export const sessionCheckinSchema = z
  .object({
    isEnabled: checkbox,
    opensMinutesBefore: int(0, 240),
    closes: z.enum(["end", "after_start"], { error: "errors.invalid" }),
    closesMinutesAfterStart: z.string().trim().optional(),
    statusMode: z.enum(["rules", "fixed"], { error: "errors.invalid" }),
    fixedStatusId: z.string().trim().optional(),
    method: z.enum(["password", "static_qr", "rotating_qr"], { error: "errors.invalid" }),
    stepSeconds: int(5, 120),
    password: z.string().trim().max(40, { error: "validation.too_long" }).default(""),
  })
  .transform((v, ctx) => {
    const closesAfter = v.closes === "after_start" ? Number(v.closesMinutesAfterStart) : null;
    if (closesAfter !== null && (!Number.isInteger(closesAfter) || closesAfter < 1 || closesAfter > 1440))
      ctx.addIssue({ code: "custom", path: ["closesMinutesAfterStart"], message: "checkin.validation.range" });
    const fixed = v.statusMode === "fixed" ? Number(v.fixedStatusId) : null;
    if (fixed !== null && (!Number.isInteger(fixed) || fixed <= 0))
      ctx.addIssue({ code: "custom", path: ["fixedStatusId"], message: "checkin.validation.choose_status" });
    return {
      isEnabled: v.isEnabled,
      opensMinutesBefore: v.opensMinutesBefore,
      closesMinutesAfterStart: closesAfter,
      fixedStatusId: fixed,
      method: v.method,
      stepSeconds: v.stepSeconds,
      password: v.password,
    };
  });
export type SessionCheckinInput = z.infer<typeof sessionCheckinSchema>;

/** The activity's options: allowed IP ranges (checked by the parser) and one device per session. */
export const checkinOptionsSchema = z.object({
  allowedIpRanges: z
    .string()
    .trim()
    .max(2000, { error: "validation.too_long" })
    .default("")
    .refine(
      (v) => {
        try {
          parseIpRanges(v);
          return true;
        } catch {
          return false;
        }
      },
      { error: "checkin.validation.ip_ranges" },
    ),
  isOneDevicePerSession: checkbox,
});
export type CheckinOptionsInput = z.infer<typeof checkinOptionsSchema>;
