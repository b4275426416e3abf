import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { studyClasses } from "../../db/schema.js";

type Writer = Pick<Db, "update">;

/** A cancelled class's meeting is gone at Zoom: its meeting id, host and join details go too. */
export async function markMeetingDeleted(db: Writer, classId: number, now: Date): Promise<void> {
  await db
    .update(studyClasses)
    .set({ meetingId: null, meetingHostId: null, joinUrl: null, passcode: null, zoomError: null, zoomSyncedAt: now })
    .where(eq(studyClasses.id, classId));
}

/** Stores (or clears, with null) the Zoom failure the plan shows on a class. */
export async function setZoomError(db: Writer, classId: number, kind: string | null): Promise<void> {
  await db.update(studyClasses).set({ zoomError: kind }).where(eq(studyClasses.id, classId));
}
