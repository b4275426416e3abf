import type { MoodleClient } from "moodle-ws-client";
import { DateTime } from "luxon";
import type { Db } from "../../db/client.js";
import type { ZoomClient } from "../zoom/zoom-client.js";
import type { StudyClassRow } from "../queries.js";
import type { TimelineStepRow } from "./queries.js";

/** What the timeline's steps need from the process that runs them. */
export interface TimelineDeps {
  db: Db;
  /** The platform's Moodle web-service client, or null when it has no connection. */
  moodle(platformId: string): Promise<MoodleClient | null>;
  /** The app's key: signs lecturers' links. */
  linkKey: string;
  /** Where the app is reached from outside (lecturers' links). */
  publicUrl: string;
  /** Zoom's API (participants reports); null or absent when Zoom is not configured. */
  zoom?: ZoomClient | null;
}

/** One pass of one step over one study day. */
export interface StepContext {
  deps: TimelineDeps;
  db: Db;
  platformId: string;
  date: string;
  zone: string;
  now: Date;
  classes: StudyClassRow[];
  rows: Map<string, TimelineStepRow>;
  /** "Run now" / "retry failed": failed rows run whatever their next try says. */
  force: boolean;
}

export const rowKey = (step: string, classId: number) => `${step}:${classId}`;

/** The study day written out in both languages for subjects: "sestdiena, 17. oktobris" / "Saturday, 17 October". */
export function dayText(date: string, zone: string): { lv: string; en: string } {
  const d = DateTime.fromISO(date, { zone });
  return { lv: d.setLocale("lv").toFormat("cccc, d. MMMM"), en: d.setLocale("en").toFormat("cccc, d MMMM") };
}
