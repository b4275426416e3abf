import { eq } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import { courses, notifyDeliveries } from "../../src/db/schema.js";
import {
  createMailTransport,
  queueMessage,
  type DeliveryDeps,
  type QueueMessageInput,
} from "../../src/notify/index.js";

export const KEY = "test-encryption-key-0123456789-abcdefghij";
/** Saturday 17 October 2026, 10:15 in Riga. */
export const AT = new Date("2026-10-17T07:15:00Z");

/** Delivery dependencies over a real transport (SMTP at `smtpUrl`, or .eml files in `outboxDir`). */
export function deliveryDeps(db: Db, over: Partial<DeliveryDeps> & { smtpUrl?: string; outboxDir?: string } = {}) {
  const { smtpUrl, outboxDir = "./data/test/outbox", ...rest } = over;
  const deps: DeliveryDeps = {
    db,
    mail: createMailTransport({ smtpUrl, outboxDir, concurrency: 3 }),
    mailFrom: "Rollbook <rollbook@kolegija.lv>",
    perMinute: 1_000,
    concurrency: 3,
    toolName: "Rollbook",
    publicUrl: "http://127.0.0.1:3000",
    linkKey: KEY,
    moodle: async () => null,
    ...rest,
  };
  return deps;
}

/** A course of platform p1 in Riga. */
export async function makeCourse(db: Db, title = "Biznesa komunikācija"): Promise<number> {
  const [c] = await db
    .insert(courses)
    .values({ platformId: "p1", contextId: `ctx-${Math.random()}`, title, timezone: "Europe/Riga" })
    .returning();
  return c!.id;
}

/** Queues a connection check to Jānis (Latvian) and commits it. */
export async function queueTest(db: Db, now: Date, over: Partial<QueueMessageInput> = {}) {
  return db.transaction((tx) =>
    queueMessage(tx, {
      platformId: "p1",
      kind: "test",
      dedupeKey: `test:${Math.random()}`,
      recipients: [{ userId: "4", email: "janis@example.lv", name: "Jānis Bērziņš" }],
      data: { at: AT.toISOString(), sentBy: "Ilze Ozoliņa" },
      now,
      ...over,
    }),
  );
}

/** The deliveries of one message. */
export async function deliveriesOf(db: Db, messageId: number | null) {
  return db
    .select()
    .from(notifyDeliveries)
    .where(eq(notifyDeliveries.messageId, messageId ?? -1));
}
