import { z } from "zod";
import { MAX_ID } from "../../http/forms.js";
import { activityParams, id, isCalendarDate } from "../../http/validate.js";

const date = z.string().trim().refine(isCalendarDate, { error: "attendance.validation.date" });
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().trim().regex(TIME, { error: "attendance.validation.time" });
const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean).map(Number))
  .pipe(z.array(z.number().int().positive({ error: "errors.invalid" }).max(MAX_ID, { error: "errors.invalid" })));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "validation.too_long" })
    .optional()
    .transform((v) => v || null);

/** One session as the lecturer enters it: a local date and local start and end times. */
export const sessionSchema = z
  .object({
    date,
    startTime: time,
    endTime: time,
    description: z.string().trim().max(500, { error: "validation.too_long" }).default(""),
    room: optionalText(100),
    lecturerUserId: optionalText(100),
    setId: z.coerce.number().int().positive().max(MAX_ID).optional(),
    groupIds: ids,
  })
  // only compared when both are times: a malformed one already has its own message
  .refine((s) => !(TIME.test(s.startTime) && TIME.test(s.endTime)) || s.endTime > s.startTime, {
    error: "attendance.validation.end_before_start",
    path: ["endTime"],
  });
export type SessionInput = z.infer<typeof sessionSchema>;

/** The repeat part of the new-session form; absent when "repeat" is not ticked. */
export const repeatSchema = z.object({
  weekdays: ids.pipe(z.array(z.number().int().min(1).max(7)).min(1, { error: "attendance.validation.weekdays" })),
  everyWeeks: z.coerce
    .number({ error: "validation.number" })
    .int({ error: "attendance.validation.whole_number" })
    .min(1, { error: "attendance.validation.every_weeks" })
    .max(52, { error: "attendance.validation.every_weeks" }),
  until: date,
});
export type RepeatInput = z.infer<typeof repeatSchema>;

/** The params of every page of one session. */
export const sessionParams = activityParams.extend({ sessionId: id });

/** The new-session form: one session, its weekly repeat when "repeat" is ticked (the messages of both), its one-time token. */
export const newSessionSchema = z.looseObject({}).transform((body, ctx) => {
  const session = sessionSchema.safeParse(body);
  const repeat = body.repeat ? repeatSchema.safeParse(body) : null;
  for (const refused of [session, repeat])
    if (refused && !refused.success) for (const issue of refused.error.issues) ctx.addIssue({ ...issue });
  if (!session.success || (repeat && !repeat.success)) return z.NEVER;
  return { session: session.data, repeat: repeat?.data ?? null, formToken: body.formToken };
});
export type NewSessionInput = z.infer<typeof newSessionSchema>;

/** The lists a sessions page can show. */
export const SESSION_VIEWS = ["day", "week", "month", "all"] as const;
export type SessionView = (typeof SESSION_VIEWS)[number];

/** The sessions list's query: which period around which date, and the notice after a change; never refused. */
export const sessionsQuerySchema = z.object({
  view: z.enum(SESSION_VIEWS).catch("all"),
  at: z.string().optional().catch(undefined),
  done: z.string().optional().catch(undefined),
  count: z.string().optional().catch(undefined),
});
export type SessionsQuery = z.infer<typeof sessionsQuerySchema>;
