import type { MoodleClient } from "moodle-ws-client";
import { moodleLookups } from "../publish/moodle-lookups.js";

/** Answers which of a schedule's course references Moodle does not know (lower case). */
export type UnknownCourses = (refs: string[]) => Promise<Set<string>>;

/**
 * Checks a schedule's courses against Moodle (by short name, then by id), a few at a time; each distinct reference
 * is asked once. A Moodle failure rejects: the caller decides whether to import unchecked.
 */
export function unknownCoursesIn(client: MoodleClient, concurrency = 4): UnknownCourses {
  return async (refs) => {
    const lookups = moodleLookups(client);
    const distinct = [...new Set(refs.map((r) => r.trim()).filter(Boolean))];
    const unknown = new Set<string>();
    for (let i = 0; i < distinct.length; i += concurrency) {
      await Promise.all(
        distinct.slice(i, i + concurrency).map(async (ref) => {
          if ((await lookups.courseId(ref)) === null) unknown.add(ref.toLowerCase());
        }),
      );
    }
    return unknown;
  };
}
