import type { Db } from "../../db/client.js";
import { lecturerReplies } from "../../db/schema.js";
import type { LecturerLinkPayload } from "./lecturer-link.js";
import type { LecturerReplyInput } from "./schemas.js";

/** Records (or changes) a lecturer's answer for a study day; the link's payload, not the form, says who and which day. */
export async function saveLecturerReply(db: Db, who: LecturerLinkPayload, input: LecturerReplyInput, now: Date) {
  const values = { answer: input.answer, note: input.note, updatedAt: now };
  await db
    .insert(lecturerReplies)
    .values({ platformId: who.platformId, classDate: who.classDate, email: who.email, ...values })
    .onConflictDoUpdate({
      target: [lecturerReplies.platformId, lecturerReplies.classDate, lecturerReplies.email],
      set: values,
    });
}
