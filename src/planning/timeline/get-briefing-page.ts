import { DateTime } from "luxon";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { getPlanningSettings, listDayClasses } from "../queries.js";
import { listDayPublications } from "../publish/publication-queries.js";
import { listReminderDeliveries } from "./briefing-queries.js";
import { briefingRows } from "./briefing-rows.js";
import { listLecturerReplies } from "./queries.js";
import { readableDayTitle } from "./readable-day.js";

/** The briefing of a study day for the coordinators: every online class, the classes with open problems first. */
export async function getBriefingPage(db: Db, actor: Actor, date: string) {
  const { timezone } = await getPlanningSettings(db, actor.platformId);
  const classes = await listDayClasses(db, actor.platformId, date);
  const [replies, publications, reminders] = await Promise.all([
    listLecturerReplies(db, actor.platformId, date),
    listDayPublications(db, actor.platformId, date),
    listReminderDeliveries(db, actor.platformId, date),
  ]);
  const published = new Map(publications.map((p) => [p.classId, p.status]));
  const rows = briefingRows(classes, { replies, published, reminders });
  const time = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).toFormat("HH:mm");
  return {
    classDate: date,
    dayTitle: readableDayTitle(date, timezone, actor.locale),
    withProblems: rows.filter((r) => r.problems.length > 0).length,
    rows: rows.map((r) => ({ ...r, time: `${time(r.startsAt)}–${time(r.endsAt)}` })),
  };
}
