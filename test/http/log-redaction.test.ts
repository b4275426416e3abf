import { Writable } from "node:stream";
import { expect } from "chai";
import { sql } from "drizzle-orm";
import express from "express";
import request from "supertest";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/http/logger.js";
import { healthRoutes } from "../../src/ops/health-routes.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { registeredPlatform } from "../support/registered-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

/** A logger writing JSON lines into `lines`, as production's does to stdout. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger("info", sink), lines };
}

describe(`database errors in the log, and /readyz (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  const log = capturedLogger();
  before(async () => {
    t = await startTestApp({}, { logger: log.logger });
    moodle = await registeredPlatform(t);
  });
  after(async () => {
    await moodle.close();
    await t.close();
  });

  it("logs a failed statement by its SQL and code, never by its parameters (the browser id)", async () => {
    const agent = request.agent(t.baseUrl);
    const launch = await launchTool(agent, moodle, { kind: "instructor" });
    const landed = await launch.follow();
    const landing = landed.headers.location as string;
    const cookie = ([] as string[]).concat(landed.headers["set-cookie"] ?? []).find((c) => c.startsWith("rb_browser="));
    const browserId = cookie!.slice("rb_browser=".length).split(";")[0]!;
    expect((await agent.get(landing)).status).to.equal(200);

    await t.database.db.execute(sql`alter table app_sessions rename column browser_id to browser_id_moved`);
    try {
      log.lines.length = 0;
      const failed = await agent.get(landing);
      expect(failed.status).to.equal(500);
    } finally {
      await t.database.db.execute(sql`alter table app_sessions rename column browser_id_moved to browser_id`);
    }
    const entry = log.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.msg === "unhandled error");
    expect(entry, log.lines.join("\n")).to.not.equal(undefined);
    const err = JSON.stringify(entry!.err);
    expect(err).to.include("app_sessions"); // the statement is named...
    expect(err).to.include("42703"); // ...with its SQLSTATE
    expect(err).to.include("[redacted]");
    expect(log.lines.join("\n")).to.not.include(browserId); // ...but its values are not there
  });

  it('answers /readyz with only "not ready" when the database fails, the reason in the log', async () => {
    const broken = {
      kind: "postgres",
      ping: () => Promise.reject(new Error('password authentication failed for user "rollbook" at 10.20.30.40:5432')),
    } as unknown as Database;
    const own = capturedLogger();
    const app = express().use(healthRoutes(broken, own.logger));
    const res = await request(app).get("/readyz");
    expect(res.status).to.equal(503);
    expect(res.text).to.equal("not ready");
    expect(own.lines.join("\n")).to.include("password authentication failed");
  });
});
