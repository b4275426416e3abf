import type { Db } from "../../db/client.js";
import type { T } from "../../i18n/i18n.js";
import type { Actor } from "../../lti/actor.js";
import { listDayClasses, listPlanDates } from "../queries.js";
import { presentDaySummary, presentTimeline } from "./present-timeline.js";
import {
  countDeliveries,
  getTimelineConfig,
  isDayPaused,
  listLecturerCounts,
  listPlatformStepRows,
  listStepRows,
} from "./queries.js";
import { studyDayTimeline } from "./study-day-timeline.js";
import { readableDayTitle } from "./readable-day.js";
import { isPausedMap } from "./automation-queries.js";

const ids = (rows: Array<{ messageId: number | null }>) => [
  ...new Set(rows.map((r) => r.messageId).filter((id): id is number => id !== null)),
];

/** The timeline page of one study day: the steps with their state, and whether the day is paused. */
export async function getTimelinePage(db: Db, actor: Actor, date: string, now: Date, t: T) {
  const classes = await listDayClasses(db, actor.platformId, date);
  const config = await getTimelineConfig(db, actor.platformId, date);
  const rows = await listStepRows(db, actor.platformId, date);
  const timeline = studyDayTimeline(
    {
      date,
      firstStart: classes.length ? new Date(Math.min(...classes.map((c) => c.startsAt.getTime()))) : null,
      lastEnd: classes.length ? new Date(Math.max(...classes.map((c) => c.endsAt.getTime()))) : null,
    },
    config.settings,
    config.holidays,
    config.zone,
  );
  const steps = presentTimeline({
    timeline,
    rows,
    classes,
    deliveries: await countDeliveries(db, ids(rows)),
    lecturerCounts: await listLecturerCounts(db, actor.platformId, date),
    zone: config.zone,
    locale: actor.locale,
    now,
    t,
  });
  return {
    classDate: date,
    dayTitle: readableDayTitle(date, config.zone, actor.locale),
    steps,
    isPaused: await isDayPaused(db, actor.platformId, date),
    hasClasses: classes.length > 0,
  };
}

/** The study-day list's dates with each day's summary line. */
export async function listDatesWithSummaries(db: Db, platformId: string, t: T) {
  const dates = await listPlanDates(db, platformId);
  const rows = await listPlatformStepRows(db, platformId);
  const deliveries = await countDeliveries(db, ids(rows));
  const paused = await isPausedMap(db, platformId);
  return dates.map((d) => ({
    ...d,
    summary: presentDaySummary(
      rows.filter((r) => r.classDate === d.classDate),
      deliveries,
      paused.has(d.classDate),
      t,
    ),
  }));
}
