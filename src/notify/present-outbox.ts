import { DateTime } from "luxon";
import type { Locale } from "../lti/actor.js";
import type { OutboxRow } from "./outbox-queries.js";

/** One line of the outbox page. */
export interface OutboxLine {
  id: number;
  state: string;
  kind: string;
  channel: string;
  recipient: string;
  course: string;
  when: string;
  tries: number;
  lastError: string;
  canRetry: boolean;
}

/** Rows -> lines: the time in the message's zone, the recipient as name and address (or Moodle user). */
export function presentOutbox(rows: readonly OutboxRow[], locale: Locale): OutboxLine[] {
  return rows.map((r) => {
    const d = r.delivery;
    const at = d.sentAt ?? d.dueAt;
    const address = d.channel === "email" ? (d.email ?? "") : d.moodleUserId ? `Moodle #${d.moodleUserId}` : "";
    return {
      id: d.id,
      state: d.state,
      kind: r.kind,
      channel: d.channel,
      recipient: [d.name, address && `<${address}>`].filter(Boolean).join(" "),
      course: r.courseTitle ?? "",
      when: DateTime.fromJSDate(at).setZone(r.timezone).setLocale(locale).toFormat("d.LL.yyyy HH:mm"),
      tries: d.attempts,
      lastError: d.lastError ?? "",
      canRetry: d.state === "failed" || d.state === "retrying",
    };
  });
}
