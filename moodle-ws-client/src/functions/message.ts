import type { MoodleClient } from "../client/moodle-client.js";
import { parseResult } from "../client/parse-result.js";
import { MoodleMessageNotSentError } from "../errors/moodle-errors.js";
import { sentMessagesSchema, type SentMessage } from "../schemas/message.js";

/** A personal message. `textformat`: 0 Moodle, 1 HTML, 2 plain, 4 Markdown; `clientmsgid` is echoed back. */
export type InstantMessage = { touserid: number; text: string; textformat?: number; clientmsgid?: string };

/** What was sent, and what Moodle refused (`msgid: -1`), in the order given. */
export interface SendMessagesResult {
  messages: SentMessage[];
  failed: { index: number; touserid: number; errormessage: string }[];
}

/**
 * Sends personal messages from the token's user. A refused message is not an exception in Moodle;
 * it is listed in `failed`, or thrown as MoodleMessageNotSentError in strict mode (with all results attached,
 * so the messages that did go out are not sent twice).
 */
export async function sendInstantMessages(
  client: MoodleClient,
  messages: InstantMessage[],
  options: { strict?: boolean } = {},
): Promise<SendMessagesResult> {
  const fn = "core_message_send_instant_messages";
  const results = parseResult(sentMessagesSchema, await client.call(fn, { messages }), fn);
  const failed = results.flatMap((r, index) =>
    r.msgid === -1 ? [{ index, touserid: messages[index]?.touserid ?? 0, errormessage: r.errormessage ?? "" }] : [],
  );
  const first = failed[0];
  if (first && (options.strict ?? client.strict)) {
    throw new MoodleMessageNotSentError(
      `Moodle did not send ${failed.length} of ${messages.length} message(s): ` +
        failed.map((f) => `to user ${f.touserid}: ${f.errormessage}`).join("; "),
      { errorcode: "messagenotsent", wsfunction: fn, moodleMessage: first.errormessage, failures: failed, results },
    );
  }
  return { messages: results, failed };
}
