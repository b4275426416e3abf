import { and, eq, inArray } from "drizzle-orm";
import { MoodleError, MoodleNetworkError, sendInstantMessages, type MoodleClient } from "moodle-ws-client";
import { z } from "zod";
import { listMembers } from "../activities/index.js";
import type { Db } from "../db/client.js";
import { moodleMessageRecipients, moodleMessageRequests } from "../db/schema.js";
import { Conflict, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { getMoodleClient, type MoodleClientTuning } from "./get-moodle-client.js";
import { authorize } from "./policy.js";
import {
  getMessageRequest,
  listMessageRecipients,
  type MessageRecipientRow,
  type MessageRequestRow,
} from "./queries.js";

const asList = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

/** The message form: a request id made when the form was shown, the chosen students, the text. */
export const sendMessagesSchema = z.object({
  requestId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { error: "bridge.validation.request" }),
  userIds: z.preprocess(
    asList,
    z.array(z.string().min(1).max(64)).min(1, { error: "bridge.validation.recipients" }).max(500),
  ),
  text: z
    .string()
    .trim()
    .min(1, { error: "bridge.validation.text_required" })
    .max(4000, { error: "validation.too_long" }),
});
export type SendMessagesInput = z.infer<typeof sendMessagesSchema>;

/** A request and the outcome per student; `replayed` when the request id had been sent before. */
export interface SendMessagesOutcome {
  request: MessageRequestRow;
  recipients: MessageRecipientRow[];
  replayed: boolean;
}

// After these the message may have reached Moodle: never send it again blindly.
const MAYBE_SENT = new Set(["timeout", "invalidresponse", "schemamismatch"]);

function failedStatus(error: MoodleError): "not_sent" | "unknown" {
  if (error instanceof MoodleNetworkError) return error.sent ? "unknown" : "not_sent";
  return MAYBE_SENT.has(error.errorcode) ? "unknown" : "not_sent";
}

async function deliver(
  db: Db,
  client: MoodleClient,
  request: MessageRequestRow,
  userIds: string[],
  now: Date,
): Promise<void> {
  const messages = userIds.map((id) => ({
    touserid: Number(id),
    text: request.text,
    textformat: 2,
    clientmsgid: `rb-${request.id}-${id}`,
  }));
  const set = (userId: string, values: Partial<MessageRecipientRow>) =>
    db
      .update(moodleMessageRecipients)
      .set({ ...values, updatedAt: now })
      .where(and(eq(moodleMessageRecipients.messageRequestId, request.id), eq(moodleMessageRecipients.userId, userId)));
  try {
    const { messages: results } = await sendInstantMessages(client, messages, { strict: false });
    for (const [i, userId] of userIds.entries()) {
      const r = results[i];
      if (r && r.msgid > 0) await set(userId, { status: "sent", msgid: r.msgid, error: null });
      else await set(userId, { status: "refused", msgid: -1, error: r?.errormessage ?? "no answer for this message" });
    }
  } catch (error) {
    if (!(error instanceof MoodleError)) throw error;
    await db
      .update(moodleMessageRecipients)
      .set({ status: failedStatus(error), error: error.message, updatedAt: now })
      .where(
        and(eq(moodleMessageRecipients.messageRequestId, request.id), inArray(moodleMessageRecipients.userId, userIds)),
      );
  }
}

async function studentsOf(db: Db, actor: Actor, userIds: string[]): Promise<string[]> {
  const enrolled = new Set(
    (await listMembers(db, actor)).filter((m) => m.isLearner && m.isEnrolled).map((m) => m.userId),
  );
  const wanted = [...new Set(userIds)];
  if (wanted.some((id) => !enrolled.has(id))) throw NotFound("bridge.messages.unknown_student");
  const notMoodleIds = wanted.filter((id) => !/^\d+$/.test(id));
  if (notMoodleIds.length > 0) throw Conflict("bridge.messages.not_moodle_user");
  return wanted;
}

/**
 * Sends a personal Moodle message to students of the actor's course, through core_message_send_instant_messages.
 * Idempotent per request id: repeating a request sends only to those it certainly never reached (`not_sent`);
 * `sent`, `refused` (msgid -1) and `unknown` (timeout: maybe sent) are kept as they are.
 */
export async function sendMessagesToStudents(
  db: Db,
  encryptionKey: string,
  actor: Actor,
  input: SendMessagesInput,
  opts: { now: Date; tuning?: MoodleClientTuning },
): Promise<SendMessagesOutcome> {
  authorize(actor, "bridge.message");
  const client = await getMoodleClient(db, encryptionKey, actor.platformId, opts.tuning);
  if (!client) throw Conflict("bridge.not_connected");
  let request = await getMessageRequest(db, actor, input.requestId);
  const replayed = request !== null;
  if (!request) {
    const userIds = await studentsOf(db, actor, input.userIds);
    request = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(moodleMessageRequests)
        .values({
          courseId: actor.courseId,
          requestId: input.requestId,
          senderUserId: actor.userId,
          text: input.text,
          createdAt: opts.now,
        })
        .onConflictDoNothing()
        .returning();
      if (row)
        await tx.insert(moodleMessageRecipients).values(
          userIds.map((userId) => ({
            messageRequestId: row.id,
            userId,
            status: "pending" as const,
            updatedAt: opts.now,
          })),
        );
      return row ?? null;
    });
    if (!request) return sendMessagesToStudents(db, encryptionKey, actor, input, opts); // a parallel submit won: replay it
  }
  const pending = (await listMessageRecipients(db, request.id)).filter((r) =>
    replayed ? r.status === "not_sent" : r.status === "pending",
  );
  if (pending.length > 0)
    await deliver(
      db,
      client,
      request,
      pending.map((r) => r.userId),
      opts.now,
    );
  return { request, recipients: await listMessageRecipients(db, request.id), replayed };
}
