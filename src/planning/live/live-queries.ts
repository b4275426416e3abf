import type { Db, Tx } from "../../db/client.js";
import { zoomMeetingEvents } from "../../db/schema.js";

/** Inserts a meeting event unless its signature was stored before; true when it was inserted. */
export async function insertZoomMeetingEvent(
  db: Db | Tx,
  row: Omit<typeof zoomMeetingEvents.$inferInsert, "id">,
): Promise<boolean> {
  const rows = await db
    .insert(zoomMeetingEvents)
    .values(row)
    .onConflictDoNothing({ target: zoomMeetingEvents.signature })
    .returning({ id: zoomMeetingEvents.id });
  return rows.length > 0;
}
