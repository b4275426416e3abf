import { createHash } from "node:crypto";
import type { NotifyChannel } from "../db/schema.js";

/**
 * The stable id of one delivery, made from the platform, the dedupe key, the channel and the recipient: a resend
 * after a crash carries the same Message-ID (email) or clientmsgid (Moodle), so it is recognisable as the same.
 */
export function deliveryHeaderId(platformId: string, dedupeKey: string, channel: NotifyChannel, recipient: string) {
  return createHash("sha256")
    .update(JSON.stringify([platformId, dedupeKey, channel, recipient]))
    .digest("hex")
    .slice(0, 32);
}

/** The Message-ID header of an email delivery, in the domain of the sender address. */
export function messageIdHeader(headerId: string, mailFrom: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? "rollbook.invalid";
  return `<rb.${headerId}@${domain}>`;
}
