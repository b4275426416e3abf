import { expect } from "chai";
import { asc, eq } from "drizzle-orm";
import { attemptLogCutoff, purgeAttemptLogs } from "../../src/checkin/index.js";
import type { Db } from "../../src/db/client.js";
import { checkinAttempts, checkinPending } from "../../src/db/schema.js";
import { parseEnv } from "../../src/env.js";
import { housekeepingJob } from "../../src/jobs/housekeeping.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { checkinFixture } from "./factory.js";

const DAY = 24 * 3_600_000;

/** Attempt-log lines of one session at the given instants, written in that order (as the app writes them). */
async function logLines(db: Db, sessionId: number, instants: Date[]) {
  for (const [i, at] of instants.entries())
    await db
      .insert(checkinAttempts)
      .values({ sessionId, userId: String(4 + i), outcome: "accepted", via: "link", ip: "10.0.0.1", at });
}

const remaining = (db: Db) =>
  db.select({ at: checkinAttempts.at }).from(checkinAttempts).orderBy(asc(checkinAttempts.id));

describe("the attempt log's retention period", () => {
  it("cuts off whole days of 24 hours before now", () => {
    const now = new Date("2026-03-29T12:00:00Z"); // a daylight-saving day in Riga changes nothing: 24-hour days
    expect(attemptLogCutoff(now, 90).toISOString()).to.equal("2025-12-29T12:00:00.000Z");
    expect(attemptLogCutoff(now, 1).toISOString()).to.equal("2026-03-28T12:00:00.000Z");
  });

  it("is 90 days unless ATTEMPT_LOG_RETENTION_DAYS says otherwise, and at least one day", () => {
    const dflt = parseEnv({});
    expect("env" in dflt && dflt.env.ATTEMPT_LOG_RETENTION_DAYS).to.equal(90);
    const set = parseEnv({ ATTEMPT_LOG_RETENTION_DAYS: "30" });
    expect("env" in set && set.env.ATTEMPT_LOG_RETENTION_DAYS).to.equal(30);
    for (const bad of ["0", "1.5", "ninety"]) {
      const r = parseEnv({ ATTEMPT_LOG_RETENTION_DAYS: bad });
      expect("errors" in r && r.errors.join(), bad).to.include("ATTEMPT_LOG_RETENTION_DAYS");
    }
  });
});

describe(`purging the attempt log (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.destroy());

  it("deletes the lines older than the cutoff in batches, keeps the newer ones, and then finds nothing", async () => {
    const db = database.db;
    const { sessionId } = await checkinFixture(db, 8);
    const cutoff = new Date("2026-01-01T00:00:00Z");
    const old = [5, 4, 3, 2, 1].map((d) => new Date(cutoff.getTime() - d * DAY));
    const young = [cutoff, new Date(cutoff.getTime() + DAY)];
    await logLines(db, sessionId, [...old, ...young]);
    expect(await purgeAttemptLogs(db, cutoff, { batch: 2, rounds: 1 })).to.equal(2); // a run is bounded
    expect(await purgeAttemptLogs(db, cutoff, { batch: 2 })).to.equal(3);
    expect((await remaining(db)).map((r) => r.at.toISOString())).to.deep.equal(young.map((d) => d.toISOString()));
    expect(await purgeAttemptLogs(db, cutoff, { batch: 2 })).to.equal(0);
  });
});

describe(`the housekeeping job purges attempt logs past ATTEMPT_LOG_RETENTION_DAYS and spent scans (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ ATTEMPT_LOG_RETENTION_DAYS: "30" });
  });
  after(() => t.close());

  it("keeps 29 days and purges 31, on its every-minute run", async () => {
    const db = t.database.db;
    const { sessionId } = await checkinFixture(db, 4);
    const now = new Date("2026-02-01T08:00:00Z");
    t.clock.set(now);
    await logLines(
      db,
      sessionId,
      [31, 30.01, 29.99, 1].map((d) => new Date(now.getTime() - d * DAY)),
    );
    const job = housekeepingJob(t);
    expect(job.cron).to.equal("* * * * *");
    await job.handle({});
    const left = await db.select().from(checkinAttempts).where(eq(checkinAttempts.sessionId, sessionId));
    const ages = left.map((r) => Number(((now.getTime() - r.at.getTime()) / DAY).toFixed(2))).sort((a, b) => b - a);
    expect(ages).to.deep.equal([29.99, 1]);
    expect((await t.housekeeping()).attemptLogs).to.equal(0);
  });

  it("deletes scans whose 30 minutes of waiting for a launch are over, and keeps a live one", async () => {
    const db = t.database.db;
    const { activityId, sessionId } = await checkinFixture(db, 1);
    const now = new Date("2026-02-01T08:00:00Z");
    t.clock.set(now);
    const scan = (browserId: string, minutesAgo: number) => {
      const scannedAt = new Date(now.getTime() - minutesAgo * 60_000);
      const expiresAt = new Date(scannedAt.getTime() + 30 * 60_000);
      return { browserId, activityId, sessionId, code: "abc123", scannedAt, expiresAt };
    };
    await db.insert(checkinPending).values([scan("gone", 31), scan("live", 29)]);
    expect((await t.housekeeping()).pendingScans).to.equal(1);
    const left = await db.select().from(checkinPending).where(eq(checkinPending.activityId, activityId));
    expect(left.map((r) => r.browserId)).to.deep.equal(["live"]);
  });
});
