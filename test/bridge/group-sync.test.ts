import { expect } from "chai";
import { eq } from "drizzle-orm";
import { startFakeMoodle, type FakeMoodle } from "../../moodle-ws-client/test/support/fake-moodle.js";
import { refreshCourseGroups, refreshGroupsOnLaunch } from "../../src/bridge/refresh-course-groups.js";
import { saveConnection } from "../../src/bridge/save-connection.js";
import {
  activities,
  attendanceSessionGroups,
  attendanceSessions,
  attendanceStatusSets,
  courseGroupMembers,
  courseGroups,
  courseMembers,
  courses,
  moodleConnections,
  moodleGroupSyncs,
  moodleSessionCalendar,
} from "../../src/db/schema.js";
import { pino } from "pino";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { callsOf, removeFromService } from "./fake-moodle-helpers.js";

const KEY = "test-encryption-key-0123456789-abcdefghij";
const NOW = new Date("2026-11-23T10:00:00Z");

describe(`syncing a course's Moodle groups (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let fake: FakeMoodle;
  let course: { id: number; contextId: string; platformId: string };
  const db = () => database.db;
  const groupsByName = async () => {
    const rows = await db().select().from(courseGroups).where(eq(courseGroups.courseId, course.id));
    const members = await db().select().from(courseGroupMembers);
    return Object.fromEntries(
      rows.map((g) => [
        g.name,
        {
          ...g,
          userIds: members
            .filter((m) => m.groupId === g.id)
            .map((m) => m.userId)
            .sort(),
        },
      ]),
    );
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    fake = await startFakeMoodle();
    const [c] = await db().insert(courses).values({ platformId: "p1", contextId: "2", title: "BK101" }).returning();
    course = { id: c!.id, contextId: "2", platformId: "p1" };
    await db()
      .insert(courseMembers)
      .values(["3", "4", "5", "6", "7", "8"].map((userId) => ({ courseId: c!.id, userId, isLearner: userId !== "3" })));
    await saveConnection(db(), KEY, "p1", { baseUrl: fake.baseUrl, token: fake.token }, "2", NOW);
  });
  afterEach(async () => {
    await fake.close();
    await database.destroy();
  });

  it("copies Moodle's groups and members, leaving out people not on the roster and the tool's own groups alone", async () => {
    await db().insert(courseGroups).values({ courseId: course.id, name: "Mana grupa", source: "tool" });
    const outcome = await refreshCourseGroups(db(), KEY, course, NOW, { retries: 0 });
    expect(outcome?.problem).to.equal(null);
    expect(outcome?.groups).to.equal(2);
    const g = await groupsByName();
    expect(Object.keys(g).sort()).to.deep.equal(["BVK-21", "BVK-22", "Mana grupa"]);
    expect(g["BVK-21"]?.source).to.equal("moodle");
    expect(g["BVK-21"]?.moodleGroupId).to.equal("1");
    expect(g["BVK-21"]?.userIds).to.deep.equal(["3", "4", "5", "6"]);
    expect(g["BVK-22"]?.userIds).to.deep.equal(["3", "7", "8"]); // 9 is not on the roster
    expect(callsOf(fake, "core_group_get_course_groups")[0]?.form.courseid).to.equal("2");
    const [sync] = await db().select().from(moodleGroupSyncs);
    expect(sync?.syncedAt?.toISOString()).to.equal(NOW.toISOString());
    expect(sync?.groupCount).to.equal(2);
  });

  it("is safe to repeat, and a group removed in Moodle disappears; its sessions' calendar events are queued to follow", async () => {
    await refreshCourseGroups(db(), KEY, course, NOW, { retries: 0 });
    await refreshCourseGroups(db(), KEY, course, NOW, { retries: 0 });
    expect(Object.keys(await groupsByName())).to.have.length(2);
    const [activity] = await db()
      .insert(activities)
      .values({ courseId: course.id, linkKey: "k1", title: "Apmeklējums" })
      .returning();
    const [set] = await db().insert(attendanceStatusSets).values({ activityId: activity!.id }).returning();
    const [session] = await db()
      .insert(attendanceSessions)
      .values({ activityId: activity!.id, setId: set!.id, startsAt: NOW, endsAt: NOW })
      .returning();
    await db()
      .insert(attendanceSessionGroups)
      .values({ sessionId: session!.id, groupId: (await groupsByName())["BVK-22"]!.id });
    fake.setResponse(
      "core_group_get_course_groups",
      (fake.fixture("core_group_get_course_groups") as unknown[]).slice(0, 1),
    );
    const outcome = await refreshCourseGroups(db(), KEY, course, NOW, { retries: 0 });
    expect(outcome?.removed).to.equal(1);
    expect(Object.keys(await groupsByName())).to.deep.equal(["BVK-21"]);
    const [queued] = await db().select().from(moodleSessionCalendar);
    expect(queued?.sessionId).to.equal(session!.id);
    expect(queued?.status).to.equal("pending");
  });

  it("names the missing function when core_group_get_course_groups is not in the service, and changes nothing", async () => {
    await db()
      .insert(courseGroups)
      .values({ courseId: course.id, name: "BVK-21", source: "moodle", moodleGroupId: "1" });
    removeFromService(fake, "core_group_get_course_groups");
    const outcome = await refreshCourseGroups(db(), KEY, course, NOW, { retries: 0 });
    expect(outcome?.problem?.key).to.equal("function_missing");
    expect(outcome?.problem?.params.function).to.equal("core_group_get_course_groups");
    expect(Object.keys(await groupsByName())).to.deep.equal(["BVK-21"]);
    const [sync] = await db().select().from(moodleGroupSyncs);
    expect(sync?.errorKey).to.equal("function_missing");
    expect(sync?.syncedAt).to.equal(null);
  });

  it("does nothing without a connection, and on launch only when the last sync is older than the configured age", async () => {
    const deps = { db: db(), encryptionKey: KEY, logger: pino({ level: "silent" }), groupsMaxAgeMinutes: 60 };
    await refreshGroupsOnLaunch(deps, course, NOW);
    await refreshGroupsOnLaunch(deps, course, new Date(NOW.getTime() + 30 * 60_000));
    expect(callsOf(fake, "core_group_get_course_groups")).to.have.length(1);
    await refreshGroupsOnLaunch(deps, course, new Date(NOW.getTime() + 61 * 60_000));
    expect(callsOf(fake, "core_group_get_course_groups")).to.have.length(2);
    await db().delete(moodleConnections);
    expect(await refreshCourseGroups(db(), KEY, course, NOW)).to.equal(null);
    expect(callsOf(fake, "core_group_get_course_groups")).to.have.length(2);
  });
});
