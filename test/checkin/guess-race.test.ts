import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import { checkIn } from "../../src/checkin/check-in.js";
import { MAX_WRONG_PER_IP, MAX_WRONG_PER_STUDENT } from "../../src/checkin/checkin-guards.js";
import { refusalOf } from "../../src/checkin/refusal.js";
import { checkinAttempts } from "../../src/db/schema.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { at, checkinFixture, device } from "./factory.js";

describe(`wrong codes sent at once (${TEST_DB_KIND})`, function () {
  let database: TestDatabase;
  before(async () => (database = await createTestDatabase()));
  after(() => database.destroy());
  const db = () => database.db;
  const wrongLogged = async (sessionId: number) =>
    (
      await db()
        .select()
        .from(checkinAttempts)
        .where(and(eq(checkinAttempts.sessionId, sessionId), eq(checkinAttempts.reason, "wrong_code")))
    ).length;
  const attempt = (c: Awaited<ReturnType<typeof checkinFixture>>, user: string, code: string, ip = "10.1.2.3") =>
    checkIn(
      db(),
      c.student(user),
      { sessionId: c.sessionId, code, via: "typed" },
      at(1),
      device(`d-${user}-aaaaaaaaaaaa`, ip),
    ).then(
      (r) => r.outcome as string,
      (err: unknown) => refusalOf(err) ?? Promise.reject(err),
    );

  it("compares at most the limit of 60 wrong codes from one student, and the right code after them is refused too", async () => {
    const c = await checkinFixture(db(), 1);
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(c, "4", String(100000 + i))));
    expect(outcomes.filter((o) => o === "wrong_code").length).to.be.at.most(MAX_WRONG_PER_STUDENT);
    expect(outcomes.filter((o) => o === "rate_limited").length).to.be.at.least(60 - MAX_WRONG_PER_STUDENT);
    expect(await wrongLogged(c.sessionId)).to.be.at.most(MAX_WRONG_PER_STUDENT);
    expect(await attempt(c, "4", "abc123")).to.equal("rate_limited");
  });

  it("compares at most the per-address limit of wrong codes from many students behind one address", async () => {
    const c = await checkinFixture(db(), 16);
    const guesses = Array.from({ length: 15 }, (_, s) =>
      Array.from({ length: 5 }, (_, i) => attempt(c, String(4 + s), String(200000 + s * 10 + i), "198.51.100.7")),
    ).flat();
    const outcomes = await Promise.all(guesses);
    expect(outcomes.filter((o) => o === "wrong_code").length).to.be.at.most(MAX_WRONG_PER_IP);
    expect(await wrongLogged(c.sessionId)).to.be.at.most(MAX_WRONG_PER_IP);
    // the address is refused even the right code now, another is not; right codes from one address at once never use up its limit
    expect(await attempt(c, "19", "abc123", "198.51.100.7")).to.equal("rate_limited");
    expect(await attempt(c, "19", "abc123", "203.0.113.9")).to.equal("accepted");
    const hall = await checkinFixture(db(), 60);
    const right = await Promise.all(
      Array.from({ length: 60 }, (_, s) => attempt(hall, String(4 + s), "abc123", "198.51.100.8")),
    );
    expect(right.filter((o) => o === "accepted")).to.have.length(60);
  });
});
