import { createHash } from "node:crypto";
import {
  addDiscussion,
  deleteForumPost,
  getForumDiscussions,
  getForumsByCourses,
  MoodleNotFoundError,
  uploadDraftFiles,
} from "moodle-ws-client";
import type { Locale } from "../../lti/actor.js";
import { dayPlanFileName, readableDate, renderDayPlanPdf } from "../pdf/render-day-plan-pdf.js";
import type { ClassView } from "../present.js";
import type { PublishProblem } from "./class-events.js";
import type { PublishContext } from "./publish-class.js";
import { publishProblemOf } from "./publish-problem.js";
import { getDayAnnouncement } from "./publication-queries.js";
import { deletePublishedAnnouncement, insertPublishedAnnouncement } from "./publish-queries.js";

export type AnnouncementOutcome =
  { status: "published" | "unchanged" | "not_configured" } | { status: "failed"; problem: PublishProblem };

export interface AnnouncementInput {
  platformId: string;
  classDate: string;
  classes: ClassView[];
  infoCourseRef: string | null;
  locale: Locale;
  zone: string;
}

/** What the announcement says, as a hash: the same plan is never announced twice. */
function fingerprintOf(input: AnnouncementInput): string {
  const rows = input.classes
    .filter((c) => c.isOnline)
    .map((c) => [
      c.time,
      c.courseRef,
      c.courseTitle,
      c.lecturerName,
      c.groups,
      c.joinUrl,
      c.meetingId,
      c.passcode,
      c.state,
    ]);
  return createHash("sha256")
    .update(JSON.stringify([input.locale, rows]))
    .digest("hex");
}

/** Deletes an earlier announcement of the day (its first post deletes the discussion); one already gone is fine. */
async function removeEarlier(ctx: PublishContext, forumId: number, discussionId: number): Promise<void> {
  const { discussions } = await getForumDiscussions(ctx.client, { forumid: forumId, perpage: 100 });
  const first = discussions.find((d) => d.discussion === discussionId);
  if (!first) return;
  await deleteForumPost(ctx.client, first.id).catch((err: unknown) => {
    if (!(err instanceof MoodleNotFoundError)) throw err;
  });
}

/**
 * Posts the day plan's PDF as an announcement in the information course's news forum (Moodle mails it to the
 * course's participants). A changed plan replaces the earlier announcement; an unchanged one is not posted again.
 */
export async function publishAnnouncement(ctx: PublishContext, input: AnnouncementInput): Promise<AnnouncementOutcome> {
  if (!input.infoCourseRef) return { status: "not_configured" };
  const earlier = await getDayAnnouncement(ctx.db, input.platformId, input.classDate);
  const fingerprint = fingerprintOf(input);
  if (earlier?.fingerprint === fingerprint) return { status: "unchanged" };
  try {
    const courseId = await ctx.lookups.courseId(input.infoCourseRef);
    if (courseId === null)
      return { status: "failed", problem: { key: "unknown_info_course", params: { course: input.infoCourseRef } } };
    const forum = (await getForumsByCourses(ctx.client, [courseId])).find((f) => f.type === "news");
    if (!forum) return { status: "failed", problem: { key: "no_news_forum", params: { course: input.infoCourseRef } } };
    if (earlier) {
      await removeEarlier(ctx, Number(earlier.forumId), Number(earlier.discussionId));
      await deletePublishedAnnouncement(ctx.db, input.platformId, input.classDate);
    }
    const pdf = await renderDayPlanPdf({
      classDate: input.classDate,
      classes: input.classes,
      t: ctx.t,
      locale: input.locale,
      zone: input.zone,
      now: ctx.now,
    });
    const [file] = await uploadDraftFiles(ctx.client, [
      { filename: dayPlanFileName(input.classDate, input.locale), content: pdf, contentType: "application/pdf" },
    ]);
    const date = readableDate(input.classDate, input.locale);
    const subject = ctx.t(earlier ? "planning.publish.announcement_changed" : "planning.publish.announcement_subject", {
      date,
    });
    const { discussionid } = await addDiscussion(ctx.client, {
      forumid: forum.id,
      subject,
      message: `<p>${ctx.t("planning.publish.announcement_body", { date })}</p>`,
      attachmentsid: file!.itemid,
    });
    await insertPublishedAnnouncement(ctx.db, {
      platformId: input.platformId,
      classDate: input.classDate,
      moodleCourseId: String(courseId),
      forumId: String(forum.id),
      discussionId: String(discussionid),
      fingerprint,
      publishedAt: ctx.now,
    });
    return { status: "published" };
  } catch (err) {
    return { status: "failed", problem: publishProblemOf(err) };
  }
}

/** Deletes a date's announcement (with its join details) from the news forum and its row; false when there was none. */
export async function removeAnnouncement(ctx: PublishContext, platformId: string, classDate: string): Promise<boolean> {
  const earlier = await getDayAnnouncement(ctx.db, platformId, classDate);
  if (!earlier) return false;
  await removeEarlier(ctx, Number(earlier.forumId), Number(earlier.discussionId));
  await deletePublishedAnnouncement(ctx.db, platformId, classDate);
  return true;
}
