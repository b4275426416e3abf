import { expect } from "chai";
import { asc, eq } from "drizzle-orm";
import request from "supertest";
import {
  attendanceMarks,
  attendanceSessions,
  attendanceStatuses,
  checkinSettings,
  courseGroups,
} from "../../src/db/schema.js";
import { hasControlChars } from "../../src/http/control-chars.js";
import { launchAs, postForm, type Launched } from "../attendance/launch.js";
import { textOf } from "../support/html.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

/** Ids no row has: past PostgreSQL's integer, signed, fractional, not digits, NUL. */
const BAD_IDS = ["99999999999", "2147483648", "9".repeat(40), "-1", "0", "1.5", "1e3", "0x10", "abc", "%00", "1%00"];

/** A small seeded generator (mulberry32), so a failure is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(15);
const ALPHABET = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000b",
  "\u001b",
  "\u007f",
  "\t",
  "\n",
  "a",
  "Ā",
  "ņ",
  '"',
  "'",
  "<",
  ";",
  "%",
  "\\",
  "€",
  "😀",
];
/** Text of up to 40 characters, always with at least one control character. */
function hostileText(): string {
  const n = 1 + Math.floor(next() * 40);
  const chars = Array.from({ length: n }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]!);
  chars.splice(Math.floor(next() * n), 0, "\u0000");
  return chars.join("");
}
const hasNul = (rows: Array<Record<string, unknown>>) =>
  rows.some((r) => Object.values(r).some((v) => typeof v === "string" && hasControlChars(v)));

describe(`ordinary bad input never answers 500 (${TEST_DB_KIND})`, function () {
  let t: TestApp;
  let moodle: TestPlatform;
  let lecturer: Launched;
  let a: string;
  let sessionId: number;
  withRegisteredApp((app) => ({ t, moodle } = app));
  before(async () => {
    lecturer = await launchAs(t, moodle, "instructor");
    a = `/activities/${lecturer.activityId}`;
    await postForm(lecturer, `${a}/attendance/sessions`, {
      date: "2025-10-01",
      startTime: "09:00",
      endTime: "10:30",
      description: "Lekcija",
    }).expect(303);
    sessionId = (await t.database.db.select().from(attendanceSessions))[0]!.id;
  });

  const under500 = (what: string) => (res: request.Response) => {
    expect(res.status, `${what}: ${res.status} ${res.text.slice(0, 200)}`).to.be.below(500);
  };

  it("answers 404 for ids past 2^31 and other non-ids in URLs, signed out and signed in", async () => {
    const anon = request(t.baseUrl);
    await anon.get("/activities/99999999999").expect(404);
    for (const x of BAD_IDS) {
      for (const path of [
        `/activities/${x}`,
        `/activities/${x}/me`,
        `/activities/${x}/attendance/report`,
        `/deep-link/${x}`,
      ])
        await anon
          .get(path)
          .redirects(0)
          .then(under500(`GET ${path} signed out`));
      for (const path of [
        `/activities/${x}/attendance/sessions`,
        `${a}/attendance/sessions/${x}`,
        `${a}/attendance/sessions/${x}/edit`,
        `${a}/attendance/sessions/${x}/students/4/history`,
        `${a}/checkin/sessions/${x}/projector`,
        `${a}/checkin/sessions/${x}/projector.json`,
        `${a}/study-days/classes/${x}`,
        `${a}/study-days/days/0000-01-01`,
        `${a}/study-days/days/2025-13-45/plan.pdf`,
        `${a}/attendance/statuses`,
      ])
        await lecturer.agent
          .get(path)
          .redirects(0)
          .then(under500(`GET ${path}`));
      for (const path of [
        `${a}/attendance/sessions/${x}/marks`,
        `${a}/attendance/sessions/${x}/edit`,
        `${a}/attendance/sessions/${x}/duplicate`,
        `${a}/attendance/statuses/${x}`,
        `${a}/groups/${x}/members`,
        `${a}/study-days/classes/${x}`,
        `${a}/study-days/classes/${x}/cancel`,
        `${a}/outbox/${x}/retry`,
        `${a}/checkin/sessions/${x}`,
      ])
        await postForm(lecturer, path, { name: "x", groupIds: x, setId: x }).then(under500(`POST ${path}`));
    }
    const page = await lecturer.agent.get(`/activities/2147483648/attendance/sessions`).redirects(0);
    expect(page.status).to.equal(404);
  });

  it("says a report filter date like year 0000 is not a date, and shows the report", async () => {
    for (const d of [
      "0000-01-01",
      "0000-00-00",
      "-0001-01-01",
      "99999-01-01",
      "2025-02-31",
      "1899-12-31",
      "2025-10-01\u0000x",
    ]) {
      const res = await lecturer.agent
        .get(`${a}/attendance/report`)
        .query({ from: d, to: "2025-12-31", group: "99999999999" })
        .expect(200);
      expect(textOf(res.text)).to.include("Enter a valid date (YYYY-MM-DD).");
    }
    const fine = await lecturer.agent.get(`${a}/attendance/report`).query({ from: "2025-09-01" }).expect(200);
    expect(textOf(fine.text)).not.to.include("Enter a valid date");
  });

  it("never stores a NUL or another control character from any text field, and never answers 500", async () => {
    const [status] = await t.database.db.select().from(attendanceStatuses).orderBy(asc(attendanceStatuses.id));
    for (let i = 0; i < 12; i++) {
      const forms: Array<[string, Record<string, string>]> = [
        [
          `${a}/attendance/sessions`,
          { date: "2025-10-02", startTime: "09:00", endTime: "10:00", description: hostileText(), room: hostileText() },
        ],
        [
          `${a}/attendance/sessions/${sessionId}/edit`,
          { date: "2025-10-01", startTime: "09:00", endTime: "10:30", description: hostileText() },
        ],
        [
          `${a}/attendance/statuses/${status!.id}`,
          { acronym: hostileText().slice(0, 2), description: hostileText(), points: "1" },
        ],
        [`${a}/groups`, { name: hostileText() }],
        [
          `${a}/checkin/sessions/${sessionId}`,
          {
            isEnabled: "on",
            opensMinutesBefore: "10",
            closes: "end",
            statusMode: "rules",
            method: "password",
            stepSeconds: "10",
            password: hostileText(),
          },
        ],
        [
          `${a}/attendance/sessions/import`,
          { csv: `date;start;end;description\n2025-10-0${1 + (i % 8)};09:00;10:00;${hostileText()}` },
        ],
        [`${a}/attendance/sessions`, { date: hostileText(), startTime: hostileText(), endTime: "10:00" }],
      ];
      for (const [path, body] of forms) await postForm(lecturer, path, body).then(under500(`POST ${path}`));
      await lecturer.agent
        .get(`${a}/attendance/report`)
        .query({ from: hostileText(), below: hostileText() })
        .then(under500("report"));
    }
    const db = t.database.db;
    expect(hasNul(await db.select().from(attendanceSessions))).to.equal(false);
    expect(hasNul(await db.select().from(attendanceStatuses))).to.equal(false);
    expect(hasNul(await db.select().from(courseGroups))).to.equal(false);
    expect(hasNul(await db.select().from(checkinSettings))).to.equal(false);
    expect((await db.select().from(attendanceSessions)).length).to.be.above(1);
  });

  it("saves a register's valid rows and refuses only the row whose remark holds a NUL, with a message", async () => {
    const [s] = await t.database.db.select().from(attendanceSessions).where(eq(attendanceSessions.id, sessionId));
    const statuses = await t.database.db
      .select()
      .from(attendanceStatuses)
      .where(eq(attendanceStatuses.setId, s!.setId));
    const P = statuses[0]!.id;
    const page = `${a}/attendance/sessions/${sessionId}`;
    const res = await postForm(lecturer, `${page}/marks`, {
      s_4: String(P),
      o_4: "",
      r_4: "slims\u0000",
      or_4: "",
      s_5: String(P),
      o_5: "",
      r_5: "autobuss",
      or_5: "",
    }).expect(303);
    expect(res.headers.location).to.include("refused=4.bad_characters");
    const marks = await t.database.db.select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, sessionId));
    expect(marks.map((m) => [m.userId, m.remark])).to.deep.equal([["5", "autobuss"]]);
    const text = textOf((await lecturer.agent.get(res.headers.location as string).expect(200)).text);
    expect(text).to.include("This remark holds characters that cannot be saved");
    const json = await lecturer.agent
      .post(`${page}/marks`)
      .set("Accept", "application/json")
      .type("form")
      .send({ _csrf: lecturer.csrf, s_4: String(P), o_4: "", r_4: "\u0001", or_4: "" })
      .expect(200);
    expect(json.body).to.deep.equal({ changed: 0, refused: [{ userId: "4", reason: "bad_characters" }] });
  });
});
