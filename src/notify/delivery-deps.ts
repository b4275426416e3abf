import type { MoodleClient } from "moodle-ws-client";
import type { Db } from "../db/client.js";
import type { MessageKind } from "./kinds.js";
import type { MailTransport } from "./mail-transport.js";

/**
 * A kind's check made just before each delivery is sent: false means what the message says is no longer true
 * (a mark was corrected), and the delivery is skipped ("no longer true") instead of sent.
 */
export type StillValid = (
  db: Db,
  message: { platformId: string; courseId: number | null; kind: string; data: Record<string, unknown> },
  now: Date,
) => Promise<boolean>;

/** What the delivery step needs, all as parameters (tests give a real SMTP server and the fake Moodle). */
export interface DeliveryDeps {
  db: Db;
  mail: MailTransport;
  /** MAIL_FROM. */
  mailFrom: string;
  /** MAIL_PER_MINUTE: deliveries handed over in any minute, across every worker. */
  perMinute: number;
  /** MAIL_CONCURRENCY: messages in flight at once. */
  concurrency: number;
  toolName: string;
  publicUrl: string;
  /** Signs the unsubscribe links. */
  linkKey: string;
  /** The platform's Moodle web-service client, or null when it has no connection. */
  moodle(platformId: string): Promise<MoodleClient | null>;
  /** Per kind, the check made at sending time (the features that send the kind fill it in app wiring). */
  stillValid?: Partial<Record<MessageKind, StillValid>>;
  /** Tests only: runs when a message was handed over and before it is marked sent (a crash there is simulated). */
  afterHandOver?: (deliveryId: number) => Promise<void> | void;
}
