import type { Db } from "../db/client.js";
import { isListedCoordinator } from "../staff/index.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";
import { queueMessage, type QueueMessageResult } from "./queue-message.js";

/**
 * The connection check: queues a `test` message to the coordinator who asked, by the platform's channels for
 * the kind, so they see mail (or the .eml file, or the Moodle notification) arrive.
 */
export async function sendTestMessage(db: Db, actor: Actor, now: Date): Promise<QueueMessageResult> {
  authorize(actor, "notify.view_platform", {
    isListedCoordinator: await isListedCoordinator(db, actor.platformId, actor.userId),
  });
  return queueMessage(db, {
    platformId: actor.platformId,
    courseId: actor.courseId,
    kind: "test",
    dedupeKey: `test:${actor.userId}:${now.toISOString()}`,
    recipients: [
      {
        userId: actor.userId,
        moodleUserId: actor.moodleUserId,
        email: actor.email,
        name: actor.name,
        locale: actor.locale,
      },
    ],
    data: { at: now.toISOString(), sentBy: actor.name },
    now,
  });
}
