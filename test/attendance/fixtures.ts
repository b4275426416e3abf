import type { Db } from "../../src/db/client.js";
import { activities, courseMembers, courses } from "../../src/db/schema.js";
import type { Actor } from "../../src/lti/actor.js";

export interface CourseFixture {
  courseId: number;
  activityId: number;
  lecturer: Actor;
  student: (userId: string) => Actor;
}

let seq = 0;

/** A course with an activity, lecturer "3" and students "4".."4+n-1", straight into the database. */
export async function courseFixture(
  db: Db,
  students = 6,
  opts: { scoreMaximum?: number; lineItemUrl?: string } = {},
): Promise<CourseFixture> {
  seq++;
  const [course] = await db
    .insert(courses)
    .values({ platformId: "p1", contextId: `ctx-${seq}-${Date.now()}`, title: "BK101" })
    .returning();
  const [activity] = await db
    .insert(activities)
    .values({
      courseId: course!.id,
      linkKey: `lk-${seq}-${Date.now()}`,
      resourceLinkId: `rl-${seq}`,
      title: "Apmeklējums",
      hasGradeColumn: Boolean(opts.scoreMaximum),
      scoreMaximum: opts.scoreMaximum ?? null,
      lineItemUrl: opts.lineItemUrl ?? null,
    })
    .returning();
  const people = [
    { userId: "3", name: "Ilze Ozoliņa", isLearner: false },
    ...Array.from({ length: students }, (_, i) => ({
      userId: String(4 + i),
      name: `Students ${String(4 + i).padStart(3, "0")}`,
      isLearner: true,
    })),
  ];
  await db.insert(courseMembers).values(
    people.map((p) => ({
      ...p,
      courseId: course!.id,
      familyName: p.name,
      roles: [p.isLearner ? "Learner" : "Instructor"],
    })),
  );
  const actor = (userId: string, lecturer: boolean): Actor => ({
    platformId: "p1",
    issuer: "https://moodle.example.lv",
    clientId: "c",
    deploymentId: "1",
    courseId: course!.id,
    contextId: course!.contextId,
    courseTitle: "BK101",
    courseLabel: "BK101",
    activityId: activity!.id,
    resourceLinkId: `rl-${seq}`,
    userId,
    moodleUserId: userId,
    name: userId,
    email: null,
    roles: [],
    isLecturer: lecturer,
    isStudent: !lecturer,
    isAdmin: false,
    locale: "en",
    returnUrl: null,
  });
  return {
    courseId: course!.id,
    activityId: activity!.id,
    lecturer: actor("3", true),
    student: (id) => actor(id, false),
  };
}
