import { expect } from "chai";
import { courseGroupMembers, courseGroups, courses, studyClasses } from "../../src/db/schema.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";
import { launchAs } from "./launch-as.js";

describe(`upcoming online classes on the activity page (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));

  it("shows the course's coming online classes with join details to the lecturer and the students, and nothing else", async () => {
    const lecturer = await launchAs(t, moodle, "instructor");
    const [course] = await t.database.db.select().from(courses);
    t.clock.set(new Date("2026-10-16T10:00:00Z"));
    const base = {
      platformId: course!.platformId,
      courseTitle: "Biznesa komunikācija",
      lecturerName: "Ilze Ozoliņa",
      passcode: "Ab12cd34",
    };
    const at = (day: string, from: string, to: string) => ({
      classDate: day,
      startsAt: new Date(`${day}T${from}:00Z`),
      endsAt: new Date(`${day}T${to}:00Z`),
    });
    await t.database.db.insert(studyClasses).values([
      {
        ...base,
        ...at("2026-10-17", "06:00", "09:00"),
        naturalKey: "next",
        courseRef: course!.label,
        groups: "BK-1",
        joinUrl: "https://zoom.us/j/85746065432",
        meetingId: "85746065432",
      },
      {
        ...base,
        ...at("2026-10-10", "06:00", "09:00"),
        naturalKey: "past",
        courseRef: course!.label,
        joinUrl: "https://zoom.us/j/11111111111",
        meetingId: "11111111111",
      },
      {
        ...base,
        ...at("2026-10-24", "06:00", "09:00"),
        naturalKey: "cancelled",
        courseRef: course!.label,
        state: "cancelled",
        joinUrl: "https://zoom.us/j/22222222222",
        meetingId: "22222222222",
      },
      {
        ...base,
        ...at("2026-10-17", "09:45", "12:45"),
        naturalKey: "onsite",
        courseRef: course!.label,
        isOnline: false,
      },
      {
        ...base,
        ...at("2026-10-17", "06:00", "09:00"),
        naturalKey: "other",
        courseRef: "EK201",
        joinUrl: "https://zoom.us/j/33333333333",
        meetingId: "33333333333",
      },
    ]);
    const home = await lecturer.agent.get(lecturer.landing).expect(200);
    const text = textOf(home.text);
    expect(text).to.include("Upcoming online classes");
    expect(text).to.include("Saturday, 17 October 2026, 09:00–12:00 · groups BK-1");
    expect(home.text).to.include('href="https://zoom.us/j/85746065432"');
    expect(text).to.include("Meeting ID: 857 4606 5432 · Passcode: Ab12cd34");
    expect(text).to.match(/Saturday, 24 October 2026, 09:00–12:00 cancelled/);
    expect(home.text).not.to.include("22222222222");
    expect(home.text).not.to.include("11111111111");
    expect(home.text).not.to.include("33333333333");

    const student = await launchAs(t, moodle, "learner");
    const mine = await student.agent.get(student.landing).expect(200);
    expect(mine.text).to.include('href="https://zoom.us/j/85746065432"');
    expect(textOf(mine.text)).to.include("Upcoming online classes");
  });

  it("shows a student only the classes of their own groups when the course's groups are known; the lecturer sees all", async () => {
    t.clock.set(new Date("2026-11-20T10:00:00Z"));
    const lecturer = await launchAs(t, moodle, "instructor");
    const [course] = await t.database.db.select().from(courses);
    const [mine, theirs] = await t.database.db
      .insert(courseGroups)
      .values([
        { courseId: course!.id, name: "BVK-21", source: "moodle", moodleGroupId: "1" },
        { courseId: course!.id, name: "BVK-22", source: "moodle", moodleGroupId: "2" },
      ])
      .returning();
    await t.database.db.insert(courseGroupMembers).values([
      { groupId: mine!.id, courseId: course!.id, userId: "4" },
      { groupId: theirs!.id, courseId: course!.id, userId: "5" },
    ]);
    const base = {
      platformId: course!.platformId,
      courseRef: course!.label,
      classDate: "2026-11-21",
      startsAt: new Date("2026-11-21T07:00:00Z"),
      endsAt: new Date("2026-11-21T10:00:00Z"),
    };
    await t.database.db.insert(studyClasses).values([
      {
        ...base,
        naturalKey: "g21",
        groups: "BVK-21",
        joinUrl: "https://zoom.us/j/44444444444",
        meetingId: "44444444444",
      },
      {
        ...base,
        naturalKey: "g22",
        groups: "BVK-22",
        joinUrl: "https://zoom.us/j/55555555555",
        meetingId: "55555555555",
      },
      { ...base, naturalKey: "all", groups: "", joinUrl: "https://zoom.us/j/66666666666", meetingId: "66666666666" },
    ]);
    const student = await launchAs(t, moodle, "learner"); // Moodle user 4, in BVK-21
    const page = (await student.agent.get(student.landing).expect(200)).text;
    expect(page).to.include("https://zoom.us/j/44444444444");
    expect(page).to.include("https://zoom.us/j/66666666666");
    expect(page).not.to.include("55555555555");
    const home = (await lecturer.agent.get(lecturer.landing).expect(200)).text;
    for (const id of ["44444444444", "55555555555", "66666666666"]) expect(home).to.include(`https://zoom.us/j/${id}`);
  });

  it("shows no section when the course has no coming online classes", async () => {
    t.clock.set(new Date("2027-01-01T10:00:00Z"));
    const student = await launchAs(t, moodle, "learner");
    const page = await student.agent.get(student.landing).expect(200);
    expect(page.text).not.to.include('data-testid="upcoming-classes"');
  });
});
