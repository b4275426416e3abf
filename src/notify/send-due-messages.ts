import type { DeliveryDeps } from "./delivery-deps.js";
import { isMessageKind } from "./kinds.js";
import {
  claimDueDeliveries,
  countSentSince,
  getKindSettings,
  listOptOutsFor,
  optOutKey,
  markDelivery,
  type ClaimedDelivery,
  type DeliveryOutcome,
} from "./queries.js";
import { renderMessage } from "./render-message.js";
import { sendEmail } from "./send-email.js";
import { sendMoodle, type MoodleItem } from "./send-moodle.js";
import { signUnsubscribe } from "./unsubscribe-link.js";
import { eachLimited } from "../ops/each-limited.js";

/** A claimed delivery is hidden from other senders this long: more than one SMTP or Moodle call can take. */
export const LEASE_MS = 5 * 60_000;

export interface SendDueResult {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
}

type SettingsCache = Map<string, ReturnType<typeof getKindSettings>>;

async function unsubscribeUrlOf(deps: DeliveryDeps, d: ClaimedDelivery, cache: SettingsCache): Promise<string | null> {
  const key = JSON.stringify([d.message.platformId, d.message.kind]);
  if (!cache.has(key)) cache.set(key, getKindSettings(deps.db, d.message.platformId, d.message.kind));
  const settings = await cache.get(key)!;
  if (!settings.isStudentReminder || !settings.isOptOutAllowed || !d.userId) return null;
  const token = signUnsubscribe(deps.linkKey, {
    platformId: d.message.platformId,
    userId: d.userId,
    kind: d.message.kind,
  });
  return `${deps.publicUrl}/notify/unsubscribe/${token}`;
}

/**
 * One pass of the outbox: claims what is due (no more than the per-minute cap leaves), skips people who opted
 * out, sends by email (a few at a time) and by Moodle (one call per platform, the platforms side by side), and
 * records each outcome. A crash between handing over and recording leaves the claim to expire: the message goes
 * again, with the same id.
 */
export async function sendDueMessages(deps: DeliveryDeps, now: Date, batch = 100): Promise<SendDueResult> {
  const result: SendDueResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const room = deps.perMinute - (await countSentSince(deps.db, new Date(now.getTime() - 60_000)));
  const claimed = await claimDueDeliveries(deps.db, now, Math.min(room, batch), LEASE_MS);
  const mark = async (d: ClaimedDelivery, outcome: DeliveryOutcome) => {
    if (await markDelivery(deps.db, d, outcome, now)) result[outcome.state]++;
  };
  const moodle = new Map<string, MoodleItem[]>();
  const optedOut = await listOptOutsFor(deps.db, claimed);
  const settings: SettingsCache = new Map();
  await eachLimited(claimed, deps.concurrency, async (d) => {
    const kind = d.message.kind;
    if (!isMessageKind(kind)) return mark(d, { state: "failed", error: `unknown message kind ${kind}` });
    if (d.userId && optedOut.has(optOutKey(d.message.platformId, d.userId, kind)))
      return mark(d, { state: "skipped", error: "opted out" });
    const check = deps.stillValid?.[kind];
    if (check && !(await check(deps.db, d.message, now))) return mark(d, { state: "skipped", error: "no longer true" });
    const unsubscribeUrl = await unsubscribeUrlOf(deps, d, settings);
    const rendered = await renderMessage({
      ...d.message,
      kind,
      locale: d.locale,
      toolName: deps.toolName,
      unsubscribeUrl,
    });
    if (d.channel === "moodle") {
      moodle.set(d.message.platformId, [...(moodle.get(d.message.platformId) ?? []), { delivery: d, rendered }]);
      return;
    }
    const outcome = await sendEmail(deps, d, rendered, unsubscribeUrl, now);
    if (outcome.state === "sent") await deps.afterHandOver?.(d.id);
    await mark(d, outcome);
  });
  // each platform's Moodle side by side: one that does not answer holds up only its own messages
  await Promise.all(
    [...moodle].map(async ([platformId, items]) => {
      const outcomes = await sendMoodle(deps, platformId, items, now);
      for (const [i, item] of items.entries()) {
        if (outcomes[i]!.state === "sent") await deps.afterHandOver?.(item.delivery.id);
        await mark(item.delivery, outcomes[i]!);
      }
    }),
  );
  return result;
}
