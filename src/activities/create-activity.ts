import { z } from "zod";
import type { Db } from "../db/client.js";
import { activities } from "../db/schema.js";
import type { Actor } from "../lti/actor.js";
import { DEFAULT_ACTIVITY_TITLE, LINK_KEY_PARAM, newLinkKey } from "./link-key.js";
import { authorize } from "./policy.js";
import type { ActivityRow } from "./queries.js";

export const createActivitySchema = z.object({
  title: z
    .string()
    .trim()
    .max(255, { error: "validation.too_long" })
    .transform((v) => v || DEFAULT_ACTIVITY_TITLE),
  gradebook: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
  scoreMaximum: z.coerce
    .number({ error: "validation.number" })
    .positive({ error: "validation.positive" })
    .max(10000, { error: "validation.too_large" })
    .default(100),
});
export type CreateActivityInput = z.infer<typeof createActivitySchema>;

/** A new attendance activity for the deep-linking lecturer's course; its link is bound on the first launch. */
export async function createActivity(db: Db, actor: Actor, input: CreateActivityInput): Promise<ActivityRow> {
  authorize(actor, "activity.create");
  const [row] = await db
    .insert(activities)
    .values({
      courseId: actor.courseId,
      linkKey: newLinkKey(),
      title: input.title,
      hasGradeColumn: input.gradebook,
      scoreMaximum: input.gradebook ? input.scoreMaximum : null,
      createdBy: actor.userId,
    })
    .returning();
  if (!row) throw new Error("activity insert returned nothing");
  return row;
}

/** The LTI Deep Linking content item for an activity (ltiResourceLink, with a line item when it is graded). */
export function contentItemFor(activity: ActivityRow, launchUrl: string): Record<string, unknown> {
  const item: Record<string, unknown> = {
    type: "ltiResourceLink",
    title: activity.title,
    url: launchUrl,
    custom: { [LINK_KEY_PARAM]: activity.linkKey },
  };
  if (activity.hasGradeColumn && activity.scoreMaximum) {
    item.lineItem = {
      scoreMaximum: activity.scoreMaximum,
      label: activity.title,
      resourceId: activity.linkKey,
      tag: "rollbook-attendance",
    };
  }
  return item;
}
