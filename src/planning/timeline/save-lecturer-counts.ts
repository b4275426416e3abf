import type { Db } from "../../db/client.js";
import { lecturerCounts } from "../../db/schema.js";
import { listDayClasses } from "../queries.js";
import type { LecturerLinkPayload } from "./lecturer-link.js";

/**
 * Records the attendee counts a lecturer entered through their link: only for their own classes of that day (by the
 * link's email, never a class id from the form alone), not cancelled; an empty field leaves the count as it was.
 */
export async function saveLecturerCounts(
  db: Db,
  who: LecturerLinkPayload,
  fields: Record<string, string>,
  now: Date,
): Promise<number> {
  const mine = (await listDayClasses(db, who.platformId, who.classDate)).filter(
    (c) => c.lecturerEmail.trim().toLowerCase() === who.email && c.state !== "cancelled",
  );
  let saved = 0;
  for (const c of mine) {
    const value = fields[`count_${c.id}`]?.trim();
    if (!value) continue;
    const values = { attendees: Number(value), email: who.email, updatedAt: now };
    await db
      .insert(lecturerCounts)
      .values({ classId: c.id, platformId: who.platformId, classDate: who.classDate, ...values })
      .onConflictDoUpdate({ target: lecturerCounts.classId, set: values });
    saved++;
  }
  return saved;
}
