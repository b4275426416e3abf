import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import { checkIn } from "../../src/checkin/check-in.js";
import { rotatingCode } from "../../src/checkin/rotating-code.js";
import { setCheckinClosed } from "../../src/checkin/save-checkin-settings.js";
import { getCheckinSettings } from "../../src/checkin/queries.js";
import { refusalOf } from "../../src/checkin/refusal.js";
import { createSessions } from "../../src/attendance/sessions/create-sessions.js";
import { saveCheckinSettings } from "../../src/checkin/save-checkin-settings.js";
import {
  attendanceGradeQueue,
  attendanceMarkHistory,
  attendanceMarks,
  attendanceSessions,
  checkinAttempts,
} from "../../src/db/schema.js";
import { createGroup } from "../../src/groups/create-group.js";
import { setGroupMembers } from "../../src/groups/set-group-members.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { at, checkinFixture, device } from "./factory.js";

describe(`checkIn command (${TEST_DB_KIND})`, function () {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.destroy());
  const db = () => database.db;
  const marksOf = async (sessionId: number) =>
    db().select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, sessionId));
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      const r = refusalOf(err);
      if (r) return r;
      throw err;
    }
    throw new Error("expected a refusal");
  };

  it("marks a student Present by the set's minutes, then Late, with history; a second scan changes nothing", async () => {
    const c = await checkinFixture(db());
    const first = await checkIn(
      db(),
      c.student("4"),
      { sessionId: c.sessionId, code: " ABC123 ", via: "typed" },
      at(3),
      device(),
    );
    expect(first.outcome).to.equal("accepted");
    expect(first.statusId).to.equal(c.statuses.P);
    const late = await checkIn(
      db(),
      c.student("5"),
      { sessionId: c.sessionId, code: "abc123", via: "typed" },
      at(20),
      device("other-device-bbbbbbbbbbb"),
    );
    expect(late.statusId).to.equal(c.statuses.L);
    const again = await checkIn(
      db(),
      c.student("4"),
      { sessionId: c.sessionId, code: "abc123", via: "link" },
      at(30),
      device(),
    );
    expect(again.outcome).to.equal("already");
    expect(again.markedAt.toISOString()).to.equal(at(3).toISOString());
    const marks = await marksOf(c.sessionId);
    expect(marks.map((m) => [m.userId, m.statusId, m.by]).sort()).to.deep.equal([
      ["4", c.statuses.P, "self"],
      ["5", c.statuses.L, "self"],
    ]);
    const history = await db()
      .select()
      .from(attendanceMarkHistory)
      .where(eq(attendanceMarkHistory.sessionId, c.sessionId));
    expect(history).to.have.length(2);
    const log = await db().select().from(checkinAttempts).where(eq(checkinAttempts.sessionId, c.sessionId));
    expect(log.map((l) => l.outcome).sort()).to.deep.equal(["accepted", "accepted", "already"]);
    expect(log[0]).to.include({ ip: "10.1.2.3", userAgent: "Mozilla/5.0 (iPhone)" });
  });

  it("gives the one fixed status when set", async () => {
    const c = await checkinFixture(db(), 2);
    await saveCheckinSettings(
      db(),
      c.lecturer,
      c.activityId,
      c.sessionId,
      {
        isEnabled: true,
        opensMinutesBefore: 10,
        closesMinutesAfterStart: null,
        fixedStatusId: null,
        method: "password",
        stepSeconds: 10,
        password: "",
      },
      at(0),
    );
    expect((await getCheckinSettings(db(), c.sessionId))?.password).to.equal("abc123"); // an empty password keeps the old one
    await saveCheckinSettings(
      db(),
      c.lecturer,
      c.activityId,
      c.sessionId,
      {
        isEnabled: true,
        opensMinutesBefore: 10,
        closesMinutesAfterStart: null,
        fixedStatusId: c.statuses.E,
        method: "password",
        stepSeconds: 10,
        password: "x",
      },
      at(0),
    );
    const r = await checkIn(
      db(),
      c.student("4"),
      { sessionId: c.sessionId, code: "x", via: "typed" },
      at(60),
      device(),
    );
    expect(r.statusId).to.equal(c.statuses.E);
  });

  it("refuses outside the window, after closing early, and accepts again after reopening", async () => {
    const c = await checkinFixture(db(), 3, { closesMinutesAfterStart: 30 });
    const code = { sessionId: c.sessionId, code: "abc123", via: "typed" } as const;
    expect(await refusal(checkIn(db(), c.student("4"), code, at(-11), device()))).to.equal("not_open_yet");
    expect(await refusal(checkIn(db(), c.student("4"), code, at(30), device()))).to.equal("closed");
    await setCheckinClosed(db(), c.lecturer, c.activityId, c.sessionId, true, at(1));
    expect(await refusal(checkIn(db(), c.student("4"), code, at(2), device()))).to.equal("closed");
    await setCheckinClosed(db(), c.lecturer, c.activityId, c.sessionId, false, at(3));
    expect((await checkIn(db(), c.student("4"), code, at(4), device())).outcome).to.equal("accepted");
    expect(await marksOf(c.sessionId)).to.have.length(1);
  });

  it("refuses expired rotating codes, another session's code and wrong codes, and rate-limits wrong codes", async () => {
    const c = await checkinFixture(db(), 3, { method: "rotating_qr" });
    const secret = (await getCheckinSettings(db(), c.sessionId))!.secret;
    const old = await rotatingCode(secret, at(0, 0), 10);
    expect(
      await refusal(
        checkIn(db(), c.student("4"), { sessionId: c.sessionId, code: old, via: "link" }, at(0, 25), device()),
      ),
    ).to.equal("expired_code");
    const [otherId] = (await createSessions(
      db(),
      c.lecturer,
      c.activityId,
      {
        date: "2025-10-01",
        startTime: "09:00",
        endTime: "10:30",
        description: "B",
        room: null,
        lecturerUserId: null,
        groupIds: [],
      },
      null,
    )) as [number];
    await saveCheckinSettings(
      db(),
      c.lecturer,
      c.activityId,
      otherId,
      {
        isEnabled: true,
        opensMinutesBefore: 10,
        closesMinutesAfterStart: null,
        fixedStatusId: null,
        method: "password",
        stepSeconds: 10,
        password: "zzz999",
      },
      at(0),
    );
    expect(
      await refusal(
        checkIn(db(), c.student("4"), { sessionId: c.sessionId, code: "zzz999", via: "typed" }, at(1), device()),
      ),
    ).to.equal("other_session");
    for (let i = 0; i < 5; i++)
      expect(
        await refusal(
          checkIn(db(), c.student("5"), { sessionId: c.sessionId, code: "000000", via: "typed" }, at(1, i), device()),
        ),
      ).to.equal("wrong_code");
    const good = await rotatingCode(secret, at(1, 10), 10);
    expect(
      await refusal(
        checkIn(db(), c.student("5"), { sessionId: c.sessionId, code: good, via: "typed" }, at(1, 10), device()),
      ),
    ).to.equal("rate_limited");
    expect(
      (await checkIn(db(), c.student("6"), { sessionId: c.sessionId, code: good, via: "typed" }, at(1, 10), device()))
        .outcome,
    ).to.equal("accepted");
    expect((await marksOf(c.sessionId)).map((m) => m.userId)).to.deep.equal(["6"]);
  });

  it("refuses a student outside the session's group, a lecturer, and an IP outside the ranges", async () => {
    const c = await checkinFixture(db(), 3, {}, { allowedIpRanges: "10.1.0.0/16" });
    const groupId = await createGroup(db(), c.lecturer, { name: "A1" });
    await setGroupMembers(db(), c.lecturer, groupId, ["4"]);
    const [gs] = (await createSessions(
      db(),
      c.lecturer,
      c.activityId,
      {
        date: "2025-10-01",
        startTime: "09:00",
        endTime: "10:30",
        description: "A1",
        room: null,
        lecturerUserId: null,
        groupIds: [groupId],
      },
      null,
    )) as [number];
    await saveCheckinSettings(
      db(),
      c.lecturer,
      c.activityId,
      gs,
      {
        isEnabled: true,
        opensMinutesBefore: 10,
        closesMinutesAfterStart: null,
        fixedStatusId: null,
        method: "password",
        stepSeconds: 10,
        password: "grp111",
      },
      at(0),
    );
    expect(
      await refusal(checkIn(db(), c.student("5"), { sessionId: gs, code: "grp111", via: "typed" }, at(1), device())),
    ).to.equal("not_in_group");
    expect(
      (await checkIn(db(), c.student("4"), { sessionId: gs, code: "grp111", via: "typed" }, at(1), device())).outcome,
    ).to.equal("accepted");
    expect(
      await refusal(
        checkIn(db(), { ...c.lecturer }, { sessionId: c.sessionId, code: "abc123", via: "typed" }, at(1), device()),
      ),
    ).to.equal("not_student");
    expect(
      await refusal(
        checkIn(
          db(),
          c.student("6"),
          { sessionId: c.sessionId, code: "abc123", via: "typed" },
          at(1),
          device("d-ccccccccccccccccccc", "192.168.1.1"),
        ),
      ),
    ).to.equal("ip_not_allowed");
    expect(await marksOf(c.sessionId)).to.have.length(0);
  });

  it("lets one device check in only one student per session when the activity asks", async () => {
    const c = await checkinFixture(db(), 3, {}, { isOneDevicePerSession: true });
    const code = { sessionId: c.sessionId, code: "abc123", via: "typed" } as const;
    expect((await checkIn(db(), c.student("4"), code, at(1), device("shared-phone-xxxxxxxxx"))).outcome).to.equal(
      "accepted",
    );
    expect(await refusal(checkIn(db(), c.student("5"), code, at(2), device("shared-phone-xxxxxxxxx")))).to.equal(
      "wrong_device",
    );
    expect((await checkIn(db(), c.student("5"), code, at(2), device("own-phone-yyyyyyyyyyyy"))).outcome).to.equal(
      "accepted",
    );
    const refused = await db()
      .select()
      .from(checkinAttempts)
      .where(and(eq(checkinAttempts.sessionId, c.sessionId), eq(checkinAttempts.reason, "wrong_device")));
    expect(refused.map((r) => r.userId)).to.deep.equal(["5"]);
  });

  it("lets only one of many students checking in at once from one device through", async () => {
    const c = await checkinFixture(db(), 12, {}, { isOneDevicePerSession: true });
    const code = { sessionId: c.sessionId, code: "abc123", via: "link" } as const;
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        checkIn(db(), c.student(String(4 + i)), code, at(1), device("lecture-hall-phone-zzzz")).then(
          (r) => r.outcome,
          refusalOf,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "accepted")).to.have.length(1);
    expect(outcomes.filter((o) => o === "wrong_device")).to.have.length(11);
    expect(await marksOf(c.sessionId)).to.have.length(1);
  });

  it("stamps the session taken and queues the student's grade when the activity has a gradebook column", async () => {
    const c = await checkinFixture(db(), 3, {}, undefined, {
      lineItemUrl: "https://moodle.example/lineitem/1",
      scoreMaximum: 10,
    });
    await checkIn(db(), c.student("4"), { sessionId: c.sessionId, code: "abc123", via: "typed" }, at(2), device());
    const [session] = await db().select().from(attendanceSessions).where(eq(attendanceSessions.id, c.sessionId));
    expect(session!.takenAt?.toISOString()).to.equal(at(2).toISOString());
    const queued = await db()
      .select()
      .from(attendanceGradeQueue)
      .where(eq(attendanceGradeQueue.activityId, c.activityId));
    expect(queued.map((q) => [q.userId, q.dueAt.getTime() - at(2).getTime()])).to.deep.equal([["4", 5_000]]);
    await checkIn(db(), c.student("4"), { sessionId: c.sessionId, code: "abc123", via: "typed" }, at(3), device());
    expect(
      await db().select().from(attendanceGradeQueue).where(eq(attendanceGradeQueue.activityId, c.activityId)),
    ).to.have.length(1);
  });

  it("300 students checking in at once give exactly 300 marks, and a repeat burst changes nothing", async function () {
    this.timeout(120_000);
    const c = await checkinFixture(db(), 300);
    const burst = () =>
      Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          checkIn(
            db(),
            c.student(String(4 + i)),
            { sessionId: c.sessionId, code: "abc123", via: "link" },
            at(1),
            device(`phone-${String(i).padStart(20, "0")}`),
          ),
        ),
      );
    const results = await burst();
    expect(results.filter((r) => r.outcome === "accepted")).to.have.length(300);
    const again = await Promise.all([burst(), burst()]);
    expect(again.flat().every((r) => r.outcome === "already")).to.equal(true);
    const marks = await marksOf(c.sessionId);
    expect(marks).to.have.length(300);
    expect(new Set(marks.map((m) => m.userId)).size).to.equal(300);
    expect(
      await db().select().from(attendanceMarkHistory).where(eq(attendanceMarkHistory.sessionId, c.sessionId)),
    ).to.have.length(300);
  });
});
