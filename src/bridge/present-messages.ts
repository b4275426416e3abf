import { comparePeople } from "../i18n/compare-people.js";
import type { MemberRow } from "../activities/index.js";
import type { MessageRecipientRow, MessageRequestRow } from "./queries.js";

type Status = MessageRecipientRow["status"];

/** The students a lecturer may message: enrolled learners, with the ones asked for (?to=) ticked. */
export function presentMessageForm(members: MemberRow[], chosen: readonly string[]) {
  const picked = new Set(chosen);
  return members
    .filter((m) => m.isLearner && m.isEnrolled)
    .map((m) => ({ userId: m.userId, name: m.name || m.userId, email: m.email, checked: picked.has(m.userId) }));
}

/** A sent request: the text, counts per outcome, and one line per student with Moodle's reason when refused. */
export function presentMessageResult(
  request: MessageRequestRow,
  recipients: MessageRecipientRow[],
  members: MemberRow[],
) {
  const byId = new Map(members.map((m) => [m.userId, m]));
  const counts: Record<Status, number> = { pending: 0, sent: 0, refused: 0, not_sent: 0, unknown: 0 };
  for (const r of recipients) counts[r.status] += 1;
  const order: Record<Status, number> = { refused: 0, not_sent: 1, unknown: 2, pending: 3, sent: 4 };
  const rows = recipients
    .map((r) => ({ r, m: byId.get(r.userId) ?? { userId: r.userId, name: "" } }))
    .sort((a, b) => order[a.r.status] - order[b.r.status] || comparePeople(a.m, b.m))
    .map(({ r, m }) => ({ userId: r.userId, name: m.name || r.userId, status: r.status, error: r.error }));
  return {
    requestId: request.requestId,
    text: request.text,
    counts,
    rows,
    total: recipients.length,
    canRetry: counts.not_sent > 0,
  };
}
