import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courseMembers, courses } from "../db/schema.js";
import { UpstreamUnavailable } from "../errors.js";
import type { Lti } from "../lti/provider.js";
import { planRoster } from "./plan-roster.js";

export interface RosterCourse {
  id: number;
  membershipsUrl: string | null;
}

export interface RosterPlatform {
  issuer: string;
  clientId: string;
}

/**
 * Fetches every page of the course's Names and Roles membership and stores it; members who left stay,
 * marked not enrolled. Returns the counts. A platform failure becomes UpstreamUnavailable and changes nothing.
 */
export async function syncRoster(
  db: Db,
  lti: Pick<Lti, "getMembers">,
  platform: RosterPlatform,
  course: RosterCourse,
  now: Date,
): Promise<{ enrolled: number; left: number }> {
  if (!course.membershipsUrl) return { enrolled: 0, left: 0 };
  let fetched;
  try {
    fetched = await lti.getMembers({ ...platform, membershipsUrl: course.membershipsUrl });
  } catch (err) {
    throw UpstreamUnavailable("errors.roster_unavailable", { cause: (err as Error).message });
  }
  const known = await db
    .select({ userId: courseMembers.userId })
    .from(courseMembers)
    .where(eq(courseMembers.courseId, course.id));
  const plan = planRoster(
    known.map((k) => k.userId),
    fetched,
  );
  await db.transaction(async (tx) => {
    for (const m of plan.upserts) {
      const values = { ...m, courseId: course.id, updatedAt: now, leftAt: m.isEnrolled ? null : now };
      await tx
        .insert(courseMembers)
        .values(values)
        .onConflictDoUpdate({
          target: [courseMembers.courseId, courseMembers.userId],
          set: {
            ...m,
            updatedAt: now,
            leftAt: m.isEnrolled ? null : sql`coalesce(${courseMembers.leftAt}, ${now.toISOString()}::timestamptz)`,
          },
        });
    }
    if (plan.left.length > 0) {
      await tx
        .update(courseMembers)
        .set({
          isEnrolled: false,
          leftAt: sql`coalesce(${courseMembers.leftAt}, ${now.toISOString()}::timestamptz)`,
          updatedAt: now,
        })
        .where(and(eq(courseMembers.courseId, course.id), inArray(courseMembers.userId, plan.left)));
    }
    await tx.update(courses).set({ rosterSyncedAt: now }).where(eq(courses.id, course.id));
  });
  return { enrolled: plan.upserts.filter((u) => u.isEnrolled).length, left: plan.left.length };
}
