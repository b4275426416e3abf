import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courses, notifyDeliveries, notifyKindSettings, notifyMessages, type NotifyChannel } from "../db/schema.js";
import type { Locale } from "../lti/actor.js";
import { deliveryHeaderId } from "./header-id.js";
import { MESSAGE_KINDS, type MessageKind } from "./kinds.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** How long transient failures (SMTP 4xx, a mail server or Moodle that does not answer) are retried. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;

/** One person a message is for. Email needs `email`, the Moodle channel `moodleUserId`; a missing one is skipped. */
export interface Recipient {
  /** The LTI user id: opt-outs and the outbox page know people by it. */
  userId?: string | null;
  moodleUserId?: string | null;
  email?: string | null;
  name?: string;
  /** The recipient's language (from the launch or the roster); else the message's `locale`, else Latvian. */
  locale?: Locale;
}

export interface QueueMessageInput {
  platformId: string;
  /** The course the message is about: its zone writes the dates, its lecturers see it on the outbox page. */
  courseId?: number | null;
  kind: MessageKind;
  /** Unique per platform, e.g. `studyday:2026-10-17:class:42:lecturer-reminder:v3`; the same key queues once. */
  dedupeKey: string;
  recipients: readonly Recipient[];
  /** What the kind's templates read; dates as ISO strings. */
  data: Record<string, unknown>;
  locale?: Locale;
  /** Omit to use the platform's setting for the kind (or the kind's default). */
  channels?: readonly NotifyChannel[];
  /** Not before this instant (default: now). */
  dueAt?: Date;
  now: Date;
}

export interface QueueMessageResult {
  /** False when the dedupe key was queued before: nothing was added. */
  isNew: boolean;
  messageId: number | null;
  deliveries: number;
}

async function channelsFor(tx: Tx | Db, input: QueueMessageInput): Promise<readonly NotifyChannel[]> {
  if (input.channels) return input.channels;
  const [row] = await tx
    .select({ channels: notifyKindSettings.channels })
    .from(notifyKindSettings)
    .where(and(eq(notifyKindSettings.platformId, input.platformId), eq(notifyKindSettings.kind, input.kind)));
  return row?.channels ?? MESSAGE_KINDS[input.kind].defaultChannels;
}

async function zoneOf(tx: Tx | Db, courseId: number | null | undefined): Promise<string> {
  if (!courseId) return "Europe/Riga";
  const [row] = await tx.select({ timezone: courses.timezone }).from(courses).where(eq(courses.id, courseId));
  return row?.timezone ?? "Europe/Riga";
}

/**
 * Queues a message in the caller's transaction: if it rolls back, nothing was queued; once it commits, the
 * delivery job sends it even when this process dies at once. A dedupe key already queued on the platform is
 * left as it was (insert ... on conflict do nothing), so a change made twice sends once.
 */
export async function queueMessage(tx: Tx | Db, input: QueueMessageInput): Promise<QueueMessageResult> {
  const [message] = await tx
    .insert(notifyMessages)
    .values({
      platformId: input.platformId,
      courseId: input.courseId ?? null,
      dedupeKey: input.dedupeKey,
      kind: input.kind,
      data: input.data,
      timezone: await zoneOf(tx, input.courseId),
      createdAt: input.now,
    })
    .onConflictDoNothing({ target: [notifyMessages.platformId, notifyMessages.dedupeKey] })
    .returning({ id: notifyMessages.id });
  if (!message) return { isNew: false, messageId: null, deliveries: 0 };
  const dueAt = input.dueAt ?? input.now;
  const rows = (await channelsFor(tx, input)).flatMap((channel) =>
    input.recipients.map((r) => ({
      messageId: message.id,
      channel,
      userId: r.userId ?? null,
      moodleUserId: r.moodleUserId ?? null,
      name: r.name ?? "",
      email: r.email?.trim() || null,
      locale: r.locale ?? input.locale ?? "lv",
      dueAt,
      giveUpAt: new Date(dueAt.getTime() + GIVE_UP_AFTER_MS),
      headerId: deliveryHeaderId(
        input.platformId,
        input.dedupeKey,
        channel,
        r.userId ?? r.email?.trim().toLowerCase() ?? r.moodleUserId ?? "",
      ),
      updatedAt: input.now,
    })),
  );
  let count = 0;
  // a few thousand rows per statement: PostgreSQL takes at most 65,535 parameters
  for (let i = 0; i < rows.length; i += 2_000) {
    const done = await tx
      .insert(notifyDeliveries)
      .values(rows.slice(i, i + 2_000))
      .onConflictDoNothing()
      .returning({ id: notifyDeliveries.id });
    count += done.length;
  }
  return { isNew: true, messageId: message.id, deliveries: count };
}
