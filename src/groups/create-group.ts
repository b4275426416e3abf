import { z } from "zod";
import type { Db } from "../db/client.js";
import { courseGroups } from "../db/schema.js";
import type { Actor } from "../lti/actor.js";
import { authorize } from "./policy.js";

export const createGroupSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "attendance.validation.required" })
    .max(100, { error: "validation.too_long" }),
});
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

/** A lecturer's own group in the tool (source 'tool'), for courses whose Moodle groups are not synced. */
export async function createGroup(db: Db, actor: Actor, input: CreateGroupInput): Promise<number> {
  authorize(actor, "groups.manage");
  const [row] = await db
    .insert(courseGroups)
    .values({ courseId: actor.courseId, name: input.name, source: "tool" })
    .returning({ id: courseGroups.id });
  if (!row) throw new Error("group insert returned nothing");
  return row.id;
}
