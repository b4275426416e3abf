import { z } from "zod";
import { id } from "../../http/validate.js";
import { sessionParams } from "../sessions/schemas.js";
import { wishesFromForm } from "./plan-mark-changes.js";
import type { RefusedRow } from "./record-marks.js";

const REFUSED = /^(.+)\.(too_long|bad_characters|conflict)$/;

/** A user id as it came back in the redirect's query, or null when it is not percent-encoding at all. */
const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/** The rows a save refused, as the redirect after it lists them (`user.reason,...`): user id -> reason. */
export function refusedOf(list: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (list ?? "")
      .split(",")
      .map((p) => REFUSED.exec(p))
      .filter((m) => m !== null)
      .map((m) => [decoded(m[1]!), m[2]!] as const)
      .filter(([userId]) => userId !== null),
  );
}

/** The redirect's query list of refused rows (read back by refusedOf). */
export function refusedList(refused: RefusedRow[]): string {
  return refused.map((r) => `${encodeURIComponent(r.userId)}.${r.reason}`).join(",");
}

/** The register page's query after a save: how many marks changed and which rows were refused. */
export const registerQuerySchema = z.object({
  saved: z.string().optional().catch(undefined),
  refused: z.string().optional().catch(undefined).transform(refusedOf),
});

/** The params of one student's mark history. */
export const historyParams = sessionParams.extend({ userId: z.string().min(1) });

/** The register form (whole, or one row from register.js) as the marks the user wants. */
export const registerMarksSchema = z.looseObject({}).transform((body) => wishesFromForm(body));

/** "Set all unmarked to ...": the chosen status. */
export const markAllUnmarkedSchema = z.object({ statusId: id });
