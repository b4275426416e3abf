import { join } from "node:path";
import { getMoodleClient } from "../bridge/index.js";
import type { Db } from "../db/client.js";
import type { Env } from "../env.js";
import type { DeliveryDeps } from "./delivery-deps.js";
import { createMailTransport } from "./mail-transport.js";

/** The delivery job's dependencies from the configuration: SMTP_URL (or .eml files in DATA_DIR/outbox), the caps. */
export function deliveryFromEnv(env: Env, db: Db, encryptionKey: string): DeliveryDeps {
  return {
    db,
    mail: createMailTransport({
      smtpUrl: env.SMTP_URL,
      outboxDir: join(env.DATA_DIR, "outbox"),
      concurrency: env.MAIL_CONCURRENCY,
    }),
    mailFrom: env.MAIL_FROM,
    perMinute: env.MAIL_PER_MINUTE,
    concurrency: env.MAIL_CONCURRENCY,
    toolName: env.TOOL_NAME,
    publicUrl: env.PUBLIC_URL,
    linkKey: encryptionKey,
    moodle: (platformId) => getMoodleClient(db, encryptionKey, platformId, { retries: 0 }),
  };
}
