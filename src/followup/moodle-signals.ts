import type { CourseSignals, CourseSignalsOf, StudentSignals } from "../bridge/index.js";
import type { Db } from "../db/client.js";
import { eachLimited } from "../ops/each-limited.js";
import type { AtRiskLine } from "./get-at-risk.js";
import { listCourseContexts } from "./signal-queries.js";

/** Opens the platform's Moodle for the page's questions (the bridge, with its stored connection); null: none. */
export type SignalsSource = (platformId: string) => Promise<CourseSignalsOf | null>;

/** Courses asked about at once: a platform-wide list of many courses must not hold many Moodle calls open. */
const AT_ONCE = 4;

/** What the at-risk list shows from Moodle: per line its signals, and one note for the page. */
export interface ListSignals {
  /** "off": no Moodle web-service connection (no columns); "ok"; "partial": some courses or functions missing. */
  state: "off" | "ok" | "partial";
  /** Functions the service lacks (named on the page, with where to add them). */
  missing: string[];
  /** Courses Moodle did not answer for. */
  unavailable: number;
  of(line: AtRiskLine): StudentSignals | null;
}

/** Opens the platform's Moodle once, asks it about each course of the shown lines (a few at a time), joins the answers. */
export async function moodleSignalsFor(
  db: Db,
  platformId: string,
  lines: AtRiskLine[],
  source: SignalsSource,
  now: Date,
): Promise<ListSignals> {
  const ask = await source(platformId);
  if (!ask) return { state: "off", missing: [], unavailable: 0, of: () => null };
  const contexts = await listCourseContexts(db, platformId, [...new Set(lines.map((l) => l.courseId))]);
  const answers = new Map<number, CourseSignals>();
  await eachLimited([...contexts], AT_ONCE, async ([id, contextId]) => void answers.set(id, await ask(contextId, now)));
  const all = [...answers.values()];
  const missing = [...new Set(all.flatMap((a) => (a.kind === "not_connected" ? [] : a.missing)))].sort();
  const unavailable = all.filter((a) => a.kind === "unavailable").length;
  const isOff = all.length === 0 || all.every((a) => a.kind === "not_connected");
  return {
    state: isOff ? "off" : missing.length || unavailable ? "partial" : "ok",
    missing,
    unavailable,
    of(line) {
      const a = answers.get(line.courseId);
      return a?.kind === "ok" ? a.of(line.userId, line.email) : null;
    },
  };
}
