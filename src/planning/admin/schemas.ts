import { DateTime } from "luxon";
import { z } from "zod";
import { validSlots, type Slot } from "../slots.js";

// An unticked checkbox is not sent at all.
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");

/** A Zoom host of the pool: its Zoom e-mail (or user id), how many meetings at once, and whether it is used. */
export const zoomHostSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("planning.admin.errors.bad_email")),
  zoomUserId: z
    .string()
    .trim()
    .max(100, "planning.admin.errors.too_long")
    .optional()
    .transform((v) => v || null),
  concurrency: z.enum(["1", "2"], "planning.admin.errors.bad_concurrency").transform(Number),
  isActive: checkbox,
});
export type ZoomHostInput = z.infer<typeof zoomHostSchema>;

/** A person on the coordinator list: the Moodle (LTI) user id and a name to recognise them by. */
export const coordinatorSchema = z.object({
  userId: z
    .string()
    .trim()
    .min(1, "planning.admin.errors.required")
    .max(100, "planning.admin.errors.too_long")
    .regex(/^[\w@.-]+$/, "planning.admin.errors.bad_user_id"),
  name: z.string().trim().max(200, "planning.admin.errors.too_long").default(""),
});
export type CoordinatorInput = z.infer<typeof coordinatorSchema>;

/** "1 09:00-12:00" lines (one slot a line; – or - between the times) to slots. */
export function parseSlotLines(text: string): Slot[] | null {
  const slots: Slot[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})\.?\s+(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(line);
    if (!m) return null;
    slots.push({
      no: Number(m[1]),
      start: `${m[2]!.padStart(2, "0")}:${m[3]}`,
      end: `${m[4]!.padStart(2, "0")}:${m[5]}`,
    });
  }
  return validSlots(slots) ? slots : null;
}

/** The institution's study-day settings: slots, zone, the staff course and the information course. */
export const planningSettingsSchema = z.object({
  slots: z
    .string()
    .transform(
      (v, ctx) =>
        parseSlotLines(v) ?? (ctx.addIssue({ code: "custom", message: "planning.admin.errors.bad_slots" }), z.NEVER),
    ),
  timezone: z
    .string()
    .trim()
    .refine((v) => DateTime.local().setZone(v).isValid, "planning.admin.errors.bad_zone"),
  staffContextId: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  infoCourseRef: z
    .string()
    .trim()
    .max(100, "planning.admin.errors.too_long")
    .optional()
    .transform((v) => v || null),
});
export type PlanningSettingsInput = z.infer<typeof planningSettingsSchema>;
