import { z } from "zod";
import { intSchema, warningsSchema } from "./common.js";

/** A forum (mod_forum_get_forums_by_courses). */
export const forumSchema = z.looseObject({
  id: intSchema,
  course: intSchema,
  type: z.string(),
  name: z.string(),
  intro: z.string().optional(),
  cmid: intSchema,
  forcesubscribe: intSchema.optional(),
  maxattachments: intSchema.optional(),
  numdiscussions: intSchema.optional(),
  cancreatediscussions: z.boolean().optional(),
});
export type Forum = z.infer<typeof forumSchema>;

/** mod_forum_add_discussion. */
export const addDiscussionResultSchema = z.object({ discussionid: intSchema, warnings: warningsSchema });
export type AddDiscussionResult = z.infer<typeof addDiscussionResultSchema>;

/** A file attached to a post. */
export const postAttachmentSchema = z.looseObject({
  filename: z.string(),
  filepath: z.string().optional(),
  filesize: intSchema.optional(),
  fileurl: z.string(),
  mimetype: z.string().optional(),
});

/** A discussion as listed by mod_forum_get_forum_discussions (its first post merged in). */
export const forumDiscussionSchema = z.looseObject({
  id: intSchema,
  name: z.string(),
  groupid: intSchema,
  discussion: intSchema,
  userid: intSchema,
  created: intSchema.optional(),
  modified: intSchema.optional(),
  subject: z.string(),
  message: z.string(),
  attachment: z.union([z.boolean(), z.string()]).optional(),
  attachments: z.array(postAttachmentSchema).optional(),
  pinned: z.boolean().optional(),
  locked: z.boolean().optional(),
  numreplies: intSchema.optional(),
});
export type ForumDiscussion = z.infer<typeof forumDiscussionSchema>;

/** mod_forum_get_forum_discussions. */
export const forumDiscussionsResultSchema = z.object({
  discussions: z.array(forumDiscussionSchema),
  warnings: warningsSchema,
});
export type ForumDiscussionsResult = z.infer<typeof forumDiscussionsResultSchema>;

/** mod_forum_delete_post. */
export const deletePostResultSchema = z.object({ status: z.boolean(), warnings: warningsSchema });
export type DeletePostResult = z.infer<typeof deletePostResultSchema>;
