import { requireActivity } from "../activities/index.js";
import { listExpectedSessions } from "../attendance/index.js";
import type { Db } from "../db/client.js";
import { NotFound } from "../errors.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";
import { MAX_FILE_BYTES, ACCEPTED_EXTENSIONS } from "./excuse-file.js";
import { authorize, can } from "./policy.js";
import { fileSize, presentExcuse, presentSessionChoices } from "./present.js";
import { getExcuse, getExcuseFile, listActivityExcuses, listOpenSessionIds, listOwnExcuses } from "./queries.js";
import { MAX_REASON_LENGTH } from "./schemas.js";

/** The student's page: the form (their sessions to choose from) and their own requests with where each stands. */
export async function getStudentExcusesPage(db: Db, actor: Actor, activityId: number, now: Date, t: T) {
  authorize(actor, "excuses.submit");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const [sessions, open, own] = await Promise.all([
    listExpectedSessions(db, course.id, activity.id, actor.userId),
    listOpenSessionIds(db, activity.id, actor.userId),
    listOwnExcuses(db, course.id, activity.id, actor.userId),
  ]);
  const view = { zone: course.timezone, locale: actor.locale, t };
  return {
    activityId: activity.id,
    activityTitle: activity.title,
    choices: presentSessionChoices(sessions, open, now, view),
    excuses: own.map((r) => presentExcuse(r, activity.id, view)),
    limits: {
      maxBytes: MAX_FILE_BYTES,
      maxSize: fileSize(MAX_FILE_BYTES, actor.locale),
      accept: ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(","),
      types: ACCEPTED_EXTENSIONS.map((e) => e.toUpperCase()).join(", "),
      reasonLength: MAX_REASON_LENGTH,
    },
  };
}

/** The lecturer's list: every request of the activity, waiting first. */
export async function getCourseExcusesPage(db: Db, actor: Actor, activityId: number, t: T) {
  authorize(actor, "excuses.review");
  const { activity, course } = await requireActivity(db, actor, activityId);
  const rows = await listActivityExcuses(db, course.id, activity.id);
  const view = { zone: course.timezone, locale: actor.locale, t };
  const excuses = rows.map((r) => presentExcuse(r, activity.id, view));
  return {
    activityId: activity.id,
    activityTitle: activity.title,
    waiting: excuses.filter((e) => e.isWaiting),
    decided: excuses.filter((e) => !e.isWaiting),
    noteLength: MAX_REASON_LENGTH,
  };
}

/**
 * A request's file for download: to the course's staff, or to the student who sent it. Anyone else, another
 * course's request or a request without a file is NotFound, the same answer as a missing one.
 */
export async function getExcuseDownload(db: Db, actor: Actor, activityId: number, excuseId: number) {
  const { activity } = await requireActivity(db, actor, activityId);
  const excuse = await getExcuse(db, activity.id, excuseId);
  if (!excuse || !can(actor, "excuses.download", excuse)) throw NotFound();
  const file = await getExcuseFile(db, excuse.id);
  if (!file || file.size === 0) throw NotFound(); // size 0: removed after the retention
  return { fileName: file.fileName, bytes: file.bytes };
}
