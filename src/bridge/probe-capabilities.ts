import {
  getCalendarEvents,
  getCourseGroups,
  getEnrolledUsers,
  getForumsByCourses,
  MoodleCapabilityError,
  MoodleError,
  type MoodleClient,
} from "moodle-ws-client";
import { REQUIRED_BY_NAME } from "./required-functions.js";

/** A capability the token's user was shown to lack: Moodle's name for it, and the capabilities to give. */
export interface CapabilityProblem {
  function: string;
  permission: string | null;
  capabilities: string[];
}

/** A probe that failed for another reason than a capability (the course does not exist, Moodle refused …). */
export interface ProbeProblem {
  function: string;
  errorcode: string;
  detail: string;
}

// Only reads: a check must never change anything in Moodle. Writes' capabilities are listed, not tried.
const PROBES: ReadonlyArray<readonly [string, (client: MoodleClient, courseid: number) => Promise<unknown>]> = [
  [
    "core_enrol_get_enrolled_users",
    (c, courseid) => getEnrolledUsers(c, { courseid, options: [{ name: "limitnumber", value: 1 }] }),
  ],
  ["core_group_get_course_groups", (c, courseid) => getCourseGroups(c, courseid)],
  ["core_calendar_get_calendar_events", (c, courseid) => getCalendarEvents(c, { events: { courseids: [courseid] } })],
  ["mod_forum_get_forums_by_courses", (c, courseid) => getForumsByCourses(c, [courseid])],
];

/**
 * Calls the read functions that need a capability in one course, skipping those missing from the service,
 * and reports which capabilities Moodle said the token's user lacks.
 */
export async function probeCapabilities(client: MoodleClient, courseid: number, inService: ReadonlySet<string>) {
  const capabilityProblems: CapabilityProblem[] = [];
  const probeProblems: ProbeProblem[] = [];
  for (const [fn, probe] of PROBES) {
    if (!inService.has(fn)) continue;
    try {
      await probe(client, courseid);
    } catch (error) {
      if (error instanceof MoodleCapabilityError) {
        capabilityProblems.push({
          function: fn,
          permission: error.permission ?? null,
          capabilities: [...(REQUIRED_BY_NAME.get(fn)?.capabilities ?? [])],
        });
      } else if (error instanceof MoodleError) {
        probeProblems.push({ function: fn, errorcode: error.errorcode, detail: error.message });
      } else throw error;
    }
  }
  return { capabilityProblems, probeProblems };
}
