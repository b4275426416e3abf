import {
  getAssignments,
  getEnrolledUsers,
  getSubmissions,
  MoodleFunctionNotInServiceError,
  type MoodleClient,
  type Submission,
} from "moodle-ws-client";
import type { Db } from "../db/client.js";
import { getMoodleClient } from "./get-moodle-client.js";

/** What Moodle says about one student of a course: when they last opened it, what they owe soon. */
export interface StudentSignals {
  /** Null: never opened the course. */
  lastCourseAccess: Date | null;
  /** Assignments due within the window that the student has not submitted, soonest first. */
  dueNotSubmitted: { name: string; dueAt: Date }[];
}

/** The Moodle signals of a course's students, or why there are none. */
export type CourseSignals =
  | { kind: "not_connected" }
  | { kind: "unavailable"; missing: string[] }
  | {
      kind: "ok";
      /** Keyed by Moodle user id and by lower-case email. */
      of(userId: string, email: string | null): StudentSignals | null;
      /** Functions the service lacks for the assignments (then no assignment is shown, the access days still are). */
      missing: string[];
    };

const SUBMITTED = new Set(["submitted"]);
const missingOf = (err: unknown) => (err instanceof MoodleFunctionNotInServiceError ? [err.missingFunction] : null);

async function dueAssignments(client: MoodleClient, courseId: number, now: Date, dueDays: number) {
  const until = now.getTime() + dueDays * 86_400_000;
  const all = await getAssignments(client, [courseId]);
  const due = all.filter(
    (a) =>
      a.course === courseId &&
      a.duedate * 1000 > now.getTime() &&
      a.duedate * 1000 <= until &&
      !Number(a.nosubmissions ?? 0),
  );
  const submitted = due.length
    ? await getSubmissions(
        client,
        due.map((a) => a.id),
      )
    : new Map<number, Submission[]>();
  return due
    .sort((a, b) => a.duedate - b.duedate)
    .map((a) => ({
      name: a.name,
      dueAt: new Date(a.duedate * 1000),
      by: new Set((submitted.get(a.id) ?? []).filter((s) => SUBMITTED.has(s.status)).map((s) => String(s.userid))),
    }));
}

/** Asks one course's Moodle signals of the platform opened by `openMoodleSignals`. */
export type CourseSignalsOf = (contextId: string, now: Date) => Promise<CourseSignals>;

/**
 * Two signals from Moodle for the at-risk list: days since each student last opened the course
 * (core_enrol_get_enrolled_users, `lastcourseaccess`) and assignments due in the next `dueDays` days that they have
 * not submitted (mod_assign_get_assignments + mod_assign_get_submissions). Opens the platform's connection once
 * (null when there is none) and returns the per-course question. A service without the assignment functions still
 * gives the access days, with the missing functions named; without the enrolment function, or with Moodle down,
 * nothing (never an error for the page).
 */
export async function openMoodleSignals(
  db: Db,
  encryptionKey: string,
  platformId: string,
  dueDays: number,
): Promise<CourseSignalsOf | null> {
  const client = await getMoodleClient(db, encryptionKey, platformId, { retries: 0, timeoutMs: 8_000 });
  return client ? (contextId, now) => courseSignals(client, contextId, now, dueDays) : null;
}

async function courseSignals(
  client: MoodleClient,
  contextId: string,
  now: Date,
  dueDays: number,
): Promise<CourseSignals> {
  if (!/^\d+$/.test(contextId)) return { kind: "not_connected" };
  const courseId = Number(contextId);
  let users;
  try {
    users = await getEnrolledUsers(client, { courseid: courseId });
  } catch (err) {
    return { kind: "unavailable", missing: missingOf(err) ?? [] };
  }
  let due: Awaited<ReturnType<typeof dueAssignments>> = [];
  let missing: string[] = [];
  try {
    due = await dueAssignments(client, courseId, now, dueDays);
  } catch (err) {
    missing = missingOf(err) ?? [];
    if (!missing.length) return { kind: "unavailable", missing: [] };
  }
  const byKey = new Map<string, StudentSignals>();
  for (const u of users) {
    const signals: StudentSignals = {
      lastCourseAccess: u.lastcourseaccess ? new Date(u.lastcourseaccess * 1000) : null,
      dueNotSubmitted: due.filter((a) => !a.by.has(String(u.id))).map(({ name, dueAt }) => ({ name, dueAt })),
    };
    byKey.set(`id:${u.id}`, signals);
    if (u.email) byKey.set(`email:${u.email.toLowerCase()}`, signals);
  }
  return {
    kind: "ok",
    missing,
    of: (userId, email) =>
      byKey.get(`id:${userId}`) ?? (email ? byKey.get(`email:${email.toLowerCase()}`) : null) ?? null,
  };
}
