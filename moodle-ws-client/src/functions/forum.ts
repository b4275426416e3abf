import type { MoodleClient } from "../client/moodle-client.js";
import { checkWarnings, type WarningsOptions } from "../client/check-warnings.js";
import { parseResult } from "../client/parse-result.js";
import {
  addDiscussionResultSchema,
  deletePostResultSchema,
  forumDiscussionsResultSchema,
  forumSchema,
  type AddDiscussionResult,
  type DeletePostResult,
  type Forum,
  type ForumDiscussionsResult,
} from "../schemas/forum.js";
import { z } from "zod";

/** The forums of courses, e.g. to find a course's announcements forum (`type: "news"`). */
export async function getForumsByCourses(client: MoodleClient, courseids: number[]): Promise<Forum[]> {
  const fn = "mod_forum_get_forums_by_courses";
  return parseResult(z.array(forumSchema), await client.call(fn, { courseids }), fn);
}

/** A new discussion. `attachmentsid` is the draft item id from uploadDraftFiles or uploadFile. */
export type NewDiscussion = {
  forumid: number;
  subject: string;
  message: string;
  groupid?: number;
  discussionsubscribe?: boolean;
  discussionpinned?: boolean;
  attachmentsid?: number;
};

/**
 * Starts a forum discussion (an announcement in a news forum), optionally with attachments.
 * Moodle emails it to subscribers only after its editing time (30 min by default) via cron.
 */
export async function addDiscussion(
  client: MoodleClient,
  input: NewDiscussion,
  options?: WarningsOptions,
): Promise<AddDiscussionResult> {
  const fn = "mod_forum_add_discussion";
  const opts: { name: string; value: string }[] = [];
  // The options are name/value pairs whose values Moodle reads as strings ("true", "80556094").
  if (input.discussionsubscribe !== undefined)
    opts.push({ name: "discussionsubscribe", value: String(input.discussionsubscribe) });
  if (input.discussionpinned !== undefined)
    opts.push({ name: "discussionpinned", value: String(input.discussionpinned) });
  if (input.attachmentsid !== undefined) opts.push({ name: "attachmentsid", value: String(input.attachmentsid) });
  const params = {
    forumid: input.forumid,
    subject: input.subject,
    message: input.message,
    groupid: input.groupid,
    options: opts.length > 0 ? opts : undefined,
  };
  const result = parseResult(addDiscussionResultSchema, await client.call(fn, params), fn);
  return checkWarnings(client, fn, result, options);
}

/** The discussions of a forum with their first post and attachments. */
export async function getForumDiscussions(
  client: MoodleClient,
  input: { forumid: number; sortorder?: number; page?: number; perpage?: number; groupid?: number },
  options?: WarningsOptions,
): Promise<ForumDiscussionsResult> {
  const fn = "mod_forum_get_forum_discussions";
  const result = parseResult(forumDiscussionsResultSchema, await client.call(fn, input), fn);
  return checkWarnings(client, fn, result, options);
}

/** Deletes a post; deleting a discussion's first post deletes the whole discussion. */
export async function deleteForumPost(
  client: MoodleClient,
  postid: number,
  options?: WarningsOptions,
): Promise<DeletePostResult> {
  const fn = "mod_forum_delete_post";
  const result = parseResult(deletePostResultSchema, await client.call(fn, { postid }), fn);
  return checkWarnings(client, fn, result, options);
}
