import { z } from "zod";
import { id } from "../http/validate.js";

/** A session's pages: the activity and the session, both ids. */
export const sessionParams = z.object({ activityId: id, sessionId: id });
/** The activity's own check-in pages. */
export const activityParams = z.object({ activityId: id });
/** The scanned link's signed token (checked by readLink; here only bounded). */
export const tokenParams = z.object({ token: z.string().max(2000) });
/** The code a student types: anything, cut to 64 characters (a wrong code is a refusal, not a bad form). */
export const codeBody = z.object({
  code: z.unknown().transform((v) => (typeof v === "string" ? v : v == null ? "" : String(v)).slice(0, 64)),
});
