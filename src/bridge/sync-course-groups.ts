import { and, eq, inArray, isNotNull, notInArray } from "drizzle-orm";
import { getCourseGroups, getGroupMembers, type MoodleClient } from "moodle-ws-client";
import type { Db } from "../db/client.js";
import {
  attendanceSessionGroups,
  courseGroupMembers,
  courseGroups,
  courseMembers,
  moodleGroupSyncs,
} from "../db/schema.js";
import { bridgeProblemOf, type BridgeProblem } from "./bridge-problem.js";

/** The course as the sync needs it: Rollbook's id and the LTI context id, which is Moodle's course id for Moodle launches. */
export interface SyncCourse {
  id: number;
  contextId: string;
}

/** What a group sync did; `problem` when Moodle could not be read (the course's groups are then left as they were). */
export interface GroupSyncOutcome {
  groups: number;
  removed: number;
  /** Sessions that lost a removed group: their calendar events need to follow. */
  affectedSessionIds: number[];
  problem: BridgeProblem | null;
}

/** Moodle's course id from an LTI context id, or null when the context is not a Moodle course id. */
export function moodleCourseIdOf(contextId: string): number | null {
  return /^\d+$/.test(contextId) ? Number(contextId) : null;
}

async function readMoodleGroups(client: MoodleClient, moodleCourseId: number) {
  const groups = await getCourseGroups(client, moodleCourseId);
  const members =
    groups.length > 0
      ? await getGroupMembers(
          client,
          groups.map((g) => g.id),
        )
      : [];
  return groups.map((g) => ({
    id: String(g.id),
    name: g.name,
    userIds: (members.find((m) => m.groupid === g.id)?.userids ?? []).map(String),
  }));
}

type MoodleGroup = Awaited<ReturnType<typeof readMoodleGroups>>[number];

async function saveGroups(
  db: Db,
  courseId: number,
  groups: MoodleGroup[],
  now: Date,
): Promise<Omit<GroupSyncOutcome, "problem">> {
  const known = new Set(
    (
      await db.select({ userId: courseMembers.userId }).from(courseMembers).where(eq(courseMembers.courseId, courseId))
    ).map((m) => m.userId),
  );
  return db.transaction(async (tx) => {
    const ours = and(
      eq(courseGroups.courseId, courseId),
      eq(courseGroups.source, "moodle"),
      isNotNull(courseGroups.moodleGroupId),
    );
    const ids = groups.map((g) => g.id);
    const gone = await tx
      .select({ id: courseGroups.id })
      .from(courseGroups)
      .where(ids.length ? and(ours, notInArray(courseGroups.moodleGroupId, ids)) : ours);
    const goneIds = gone.map((g) => g.id);
    const affected = goneIds.length
      ? await tx
          .selectDistinct({ id: attendanceSessionGroups.sessionId })
          .from(attendanceSessionGroups)
          .where(inArray(attendanceSessionGroups.groupId, goneIds))
      : [];
    if (goneIds.length) await tx.delete(courseGroups).where(inArray(courseGroups.id, goneIds));
    for (const g of groups) {
      const [row] = await tx
        .insert(courseGroups)
        .values({ courseId, moodleGroupId: g.id, name: g.name, source: "moodle", createdAt: now })
        .onConflictDoUpdate({
          target: [courseGroups.courseId, courseGroups.moodleGroupId],
          set: { name: g.name, source: "moodle" },
        })
        .returning({ id: courseGroups.id });
      await tx.delete(courseGroupMembers).where(eq(courseGroupMembers.groupId, row!.id));
      const members = g.userIds.filter((u) => known.has(u)).map((userId) => ({ groupId: row!.id, courseId, userId }));
      if (members.length) await tx.insert(courseGroupMembers).values(members);
    }
    return { groups: groups.length, removed: goneIds.length, affectedSessionIds: affected.map((a) => a.id) };
  });
}

async function recordSync(
  db: Db,
  courseId: number,
  now: Date,
  groups: number,
  problem: BridgeProblem | null,
): Promise<void> {
  const values = {
    attemptedAt: now,
    errorKey: problem?.key ?? null,
    errorParams: problem?.params ?? null,
    ...(problem ? {} : { syncedAt: now, groupCount: groups }),
  };
  await db
    .insert(moodleGroupSyncs)
    .values({ courseId, ...values })
    .onConflictDoUpdate({ target: moodleGroupSyncs.courseId, set: values });
}

/**
 * Copies a course's Moodle groups and their members into course_groups (source 'moodle'): new groups appear,
 * renamed ones follow, groups deleted in Moodle disappear; the lecturer's tool groups are never touched.
 * Members who are not (yet) on the course roster are left out. Safe to repeat; a Moodle failure changes nothing
 * and is recorded so the groups page can say why.
 */
export async function syncCourseGroups(
  db: Db,
  client: MoodleClient,
  course: SyncCourse,
  now: Date,
): Promise<GroupSyncOutcome> {
  const moodleCourseId = moodleCourseIdOf(course.contextId);
  if (moodleCourseId === null)
    return {
      groups: 0,
      removed: 0,
      affectedSessionIds: [],
      problem: { key: "not_moodle_course", params: {}, isTransient: false },
    };
  let groups: MoodleGroup[];
  try {
    groups = await readMoodleGroups(client, moodleCourseId);
  } catch (err) {
    const problem = bridgeProblemOf(err);
    await recordSync(db, course.id, now, 0, problem);
    return { groups: 0, removed: 0, affectedSessionIds: [], problem };
  }
  const outcome = await saveGroups(db, course.id, groups, now);
  await recordSync(db, course.id, now, outcome.groups, null);
  return { ...outcome, problem: null };
}
