import { expect } from "chai";
import { pino } from "pino";
import { createBoss } from "../../src/jobs/boss.js";
import { startJobs } from "../../src/jobs/registry.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

describe(`background jobs with pg-boss (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.destroy());

  it("runs a sent job, and retries it after a failure", async () => {
    const boss = createBoss(database);
    await boss.start();
    try {
      const seen: string[] = [];
      let failures = 0;
      await startJobs(
        boss,
        [
          {
            name: "flaky",
            retryLimit: 2,
            async handle(data: object) {
              const { n } = data as { n: string };
              if (failures === 0) {
                failures++;
                throw new Error("Moodle is down");
              }
              seen.push(n);
            },
          },
        ],
        pino({ level: "silent" }),
      );
      await boss.send("flaky", { n: "a" }, { retryDelay: 1 });
      for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 200));
      expect(failures).to.equal(1);
      expect(seen).to.deep.equal(["a"]);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
