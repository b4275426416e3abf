import type { Db } from "../db/client.js";
import type { Locale } from "../lti/actor.js";
import { isForAudience, type GroupAudience } from "./class-audience.js";
import { listUpcomingCourseClasses } from "./class-queries.js";
import { readableDate } from "./pdf/render-day-plan-pdf.js";
import { presentClass } from "./present.js";
import { getPlanningSettings } from "./queries.js";

/** An upcoming online class of a course as its lecturer and students see it on the Rollbook activity page. */
export interface UpcomingClassView {
  date: string;
  time: string;
  groups: string;
  isCancelled: boolean;
  joinUrl: string | null;
  meetingId: string | null;
  passcode: string | null;
}

/**
 * The course's next online study-day classes (not yet over), soonest first. The LTI course is matched to a class by
 * the Moodle course id (the context id) or by its short name (the context label), as the schedule names courses.
 * With a student's group audience, only the classes for their groups (see isForAudience).
 */
export async function listUpcomingClasses(
  db: Db,
  platformId: string,
  course: { contextId: string; label: string },
  locale: Locale,
  now: Date,
  audience: GroupAudience | null = null,
  limit = 6,
): Promise<UpcomingClassView[]> {
  const settings = await getPlanningSettings(db, platformId);
  const rows = await listUpcomingCourseClasses(db, platformId, course, now, audience ? limit * 10 : limit);
  return rows
    .filter((row) => isForAudience(row.groups, audience))
    .slice(0, limit)
    .map((row) => {
      const c = presentClass(row, new Map(), settings.timezone);
      return {
        date: readableDate(row.classDate, locale),
        time: c.time,
        groups: c.groups,
        isCancelled: c.isCancelled,
        joinUrl: c.isCancelled ? null : c.joinUrl,
        meetingId: c.isCancelled ? null : c.meetingId,
        passcode: c.isCancelled ? null : c.passcode,
      };
    });
}
