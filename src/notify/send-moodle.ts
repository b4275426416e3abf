import { sendInstantMessages } from "moodle-ws-client";
import type { DeliveryDeps } from "./delivery-deps.js";
import type { ClaimedDelivery, DeliveryOutcome } from "./queries.js";
import type { RenderedMessage } from "./render-message.js";
import { nextRetryAt } from "./rules/backoff.js";

/** One Moodle delivery ready to go, with its rendered text. */
export interface MoodleItem {
  delivery: ClaimedDelivery;
  rendered: RenderedMessage;
}

/**
 * Sends a platform's Moodle deliveries in one core_message_send_instant_messages call, from the connection's
 * user; Moodle then delivers them by each person's own preferences (email, popup, app). `msgid: -1` is a refusal
 * with Moodle's reason (failed); a call that fails as a whole (Moodle down, a revoked token) is retried.
 */
export async function sendMoodle(
  deps: DeliveryDeps,
  platformId: string,
  items: readonly MoodleItem[],
  now: Date,
): Promise<DeliveryOutcome[]> {
  const client = await deps.moodle(platformId);
  if (!client) return items.map(() => ({ state: "failed", error: "no Moodle web-service connection" }));
  const sendable = items.filter((i) => /^\d+$/.test(i.delivery.moodleUserId ?? ""));
  const outcomes = new Map<number, DeliveryOutcome>();
  if (sendable.length > 0) {
    try {
      const { messages } = await sendInstantMessages(
        client,
        sendable.map(({ delivery, rendered }) => ({
          touserid: Number(delivery.moodleUserId),
          text: `${rendered.subject}\n\n${rendered.text}`,
          textformat: 2,
          clientmsgid: `rb.${delivery.headerId}`,
        })),
        { strict: false },
      );
      sendable.forEach(({ delivery }, i) => {
        const r = messages[i];
        outcomes.set(
          delivery.id,
          r && r.msgid > 0
            ? { state: "sent", moodleMsgId: r.msgid }
            : { state: "failed", error: r?.errormessage || "Moodle did not answer for this message" },
        );
      });
    } catch (err) {
      const reason = (err as Error).message.slice(0, 500);
      for (const { delivery } of sendable) {
        const at = nextRetryAt(delivery.attempts, now, delivery.giveUpAt);
        outcomes.set(
          delivery.id,
          at
            ? { state: "retrying", error: reason, dueAt: at }
            : { state: "failed", error: `gave up after 24 h: ${reason}` },
        );
      }
    }
  }
  return items.map(({ delivery }) => outcomes.get(delivery.id) ?? { state: "skipped", error: "no Moodle user id" });
}
