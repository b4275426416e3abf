import type { DeliveryDeps } from "./delivery-deps.js";
import { messageIdHeader } from "./header-id.js";
import type { ClaimedDelivery, DeliveryOutcome } from "./queries.js";
import type { RenderedMessage } from "./render-message.js";
import { nextRetryAt } from "./rules/backoff.js";
import { smtpFailure } from "./smtp-failure.js";

/**
 * Hands one email to the transport with its stable Message-ID (a resend after a crash is the same message), the
 * one-click unsubscribe headers when it has a link, and sorts a failure into retry or failed.
 */
export async function sendEmail(
  deps: DeliveryDeps,
  d: ClaimedDelivery,
  rendered: RenderedMessage,
  unsubscribeUrl: string | null,
  now: Date,
): Promise<DeliveryOutcome> {
  if (!d.email) return { state: "skipped", error: "no email address" };
  const headers: Record<string, string> = { "X-Rollbook-Kind": d.message.kind };
  if (unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  try {
    await deps.mail.send({
      fileName: String(d.id),
      from: deps.mailFrom,
      to: { name: d.name, address: d.email },
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: messageIdHeader(d.headerId, deps.mailFrom),
      date: now,
      headers,
    });
  } catch (err) {
    const failure = smtpFailure(err);
    if (failure.isPermanent) return { state: "failed", error: failure.reason };
    const at = nextRetryAt(d.attempts, now, d.giveUpAt);
    return at
      ? { state: "retrying", error: failure.reason, dueAt: at }
      : { state: "failed", error: `gave up after 24 h: ${failure.reason}` };
  }
  return { state: "sent" };
}
