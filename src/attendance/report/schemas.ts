import { DateTime } from "luxon";
import { z } from "zod";
import { id, isCalendarDate } from "../../http/validate.js";

const blank = (v: unknown) => (v === "" ? undefined : v);

const typedDate = z
  .string()
  .trim()
  .optional()
  .catch(undefined)
  .transform((v) => v || undefined);
const dateOrNone = (v: string | undefined) => (v !== undefined && isCalendarDate(v) ? v : undefined);

/**
 * The report's filters from the query string; anything unreadable falls back to "no filter", and a date that is
 * not a real one in YEARS (2025-02-31, year 0000) sets `dateRefused`, which the page says.
 */
export const reportQuerySchema = z
  .object({
    group: z.preprocess(blank, id.optional()).catch(undefined),
    from: typedDate,
    to: typedDate,
    below: z.preprocess(blank, z.coerce.number().min(0).max(100).optional()).catch(undefined),
    sort: z.enum(["name", "percent"]).default("name").catch("name"),
    dir: z.enum(["asc", "desc"]).default("asc").catch("asc"),
  })
  .transform((q) => ({
    ...q,
    from: dateOrNone(q.from),
    to: dateOrNone(q.to),
    dateRefused: [q.from, q.to].some((v) => v !== undefined && dateOrNone(v) === undefined),
  }));
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
