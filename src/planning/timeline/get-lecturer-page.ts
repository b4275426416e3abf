import { DateTime } from "luxon";
import type { Db } from "../../db/client.js";
import type { Locale } from "../../lti/actor.js";
import { getPlanningSettings, listDayClasses } from "../queries.js";
import type { LecturerLinkPayload } from "./lecturer-link.js";
import { listLecturerCounts, listLecturerReplies } from "./queries.js";
import { readableDayTitle } from "./readable-day.js";

/** What a lecturer's link page shows: the day, their classes (time, course, groups; cancelled marked) and their answer. */
export async function getLecturerPage(db: Db, who: LecturerLinkPayload, locale: Locale) {
  const { timezone } = await getPlanningSettings(db, who.platformId);
  const classes = (await listDayClasses(db, who.platformId, who.classDate)).filter(
    (c) => c.lecturerEmail.trim().toLowerCase() === who.email,
  );
  const reply = (await listLecturerReplies(db, who.platformId, who.classDate)).get(who.email) ?? null;
  const counts = await listLecturerCounts(db, who.platformId, who.classDate);
  const time = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).toFormat("HH:mm");
  return {
    dayTitle: readableDayTitle(who.classDate, timezone, locale),
    classes: classes.map((c) => ({
      id: c.id,
      count: counts.get(c.id)?.attendees ?? null,
      time: `${time(c.startsAt)}–${time(c.endsAt)}`,
      course: [c.courseRef, c.courseTitle].filter(Boolean).join(" "),
      groups: c.groups,
      isCancelled: c.state === "cancelled",
    })),
    reply: reply ? { answer: reply.answer, note: reply.note } : null,
  };
}
