import type { z } from "zod";
import { MoodleResponseError } from "../errors/moodle-errors.js";

/**
 * Checks a decoded result against the wrapper's schema; a mismatch means this Moodle (or plugin) version
 * answers differently than the one we recorded, which is worth a clear error rather than `undefined` later.
 */
export function parseResult<S extends z.ZodType>(schema: S, data: unknown, wsfunction: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "unknown";
  throw new MoodleResponseError(
    `Moodle's answer to ${wsfunction} does not have the expected shape (${where}). ` +
      "The Moodle or plugin version may differ from the supported one.",
    {
      errorcode: "schemamismatch",
      wsfunction,
      issues: parsed.error.issues,
      bodySnippet: JSON.stringify(data)?.slice(0, 500),
    },
  );
}
