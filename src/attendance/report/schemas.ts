import { DateTime } from "luxon";
import { z } from "zod";

const blank = (v: unknown) => (v === "" ? undefined : v);

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid), {
    error: "attendance.validation.date",
  });

/** The report's filters from the query string; anything unreadable falls back to "no filter". */
export const reportQuerySchema = z.object({
  group: z.preprocess(blank, z.coerce.number().int().positive().optional()).catch(undefined),
  from: optionalDate.catch(undefined),
  to: optionalDate.catch(undefined),
  below: z.preprocess(blank, z.coerce.number().min(0).max(100).optional()).catch(undefined),
  sort: z.enum(["name", "percent"]).default("name").catch("name"),
  dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The UTC range of local calendar days [from, to] (inclusive), or undefined when neither is given. */
export function rangeOf(q: Pick<ReportQuery, "from" | "to">, zone: string): { from: Date; to: Date } | undefined {
  if (!q.from && !q.to) return undefined;
  const from = q.from ? DateTime.fromISO(q.from, { zone }).startOf("day") : DateTime.fromISO("1970-01-01", { zone });
  const to = q.to
    ? DateTime.fromISO(q.to, { zone }).plus({ days: 1 }).startOf("day")
    : DateTime.fromISO("9999-01-01", { zone });
  return { from: from.toJSDate(), to: to.toJSDate() };
}
