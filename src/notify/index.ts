/**
 * The outbox: what other features may use. Queue a message in your transaction with `queueMessage(tx, {...})`;
 * the delivery job sends it by email and/or as a Moodle notification, retries, and records what happened.
 */
export { queueMessage, GIVE_UP_AFTER_MS } from "./queue-message.js";
export type { QueueMessageInput, QueueMessageResult, Recipient } from "./queue-message.js";
export { MESSAGE_KINDS, isMessageKind } from "./kinds.js";
export type { KindDefinition, MessageKind } from "./kinds.js";
export type { DeliveryState, NotifyChannel } from "../db/schema.js";
export { drainOutbox } from "./drain-outbox.js";
export { sendDueMessages } from "./send-due-messages.js";
export { deliveryFromEnv } from "./delivery-from-env.js";
export { createMailTransport } from "./mail-transport.js";
export type { MailTransport } from "./mail-transport.js";
export type { DeliveryDeps, StillValid } from "./delivery-deps.js";
export { renderMessage } from "./render-message.js";
export { rewriteMessageData } from "./rewrite-message-data.js";
export { notifyRoutes } from "./routes/index.js";
