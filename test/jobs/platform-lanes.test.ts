import { expect } from "chai";
import { pino } from "pino";
import { createBoss } from "../../src/jobs/boss.js";
import { startJobs } from "../../src/jobs/registry.js";
import { sessionCalendarJob } from "../../src/jobs/session-calendar.js";
import { eachPlatformSideBySide } from "../../src/ops/per-platform.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

/** A promise that a test opens when it wants. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
const until = async (done: () => boolean, tries = 150) => {
  for (let i = 0; i < tries && !done(); i++) await new Promise((r) => setTimeout(r, 100));
};

describe("platforms side by side in background work", function () {
  it("runs a platform's items while another platform's first item hangs, and an error stops only its lane", async () => {
    const hung = gate();
    const done: string[] = [];
    const items = ["a:1", "b:1", "a:2", "c:1", "c:2", "b:2"];
    const run = eachPlatformSideBySide(
      items,
      (i) => i.split(":")[0]!,
      async (i) => {
        if (i === "a:1") await hung.opened;
        if (i === "c:1") throw new Error("Moodle c said no");
        done.push(i);
      },
    );
    await until(() => done.length >= 2);
    expect(done).to.deep.equal(["b:1", "b:2"]);
    hung.open();
    const lanes = await run;
    expect(done).to.deep.equal(["b:1", "b:2", "a:1", "a:2"]);
    expect(lanes.map((l) => [l.platformId, (l.error as Error | null)?.message ?? null])).to.deep.equal([
      ["a", null],
      ["b", null],
      ["c", "Moodle c said no"],
    ]);
  });

  describe(`pg-boss jobs grouped by platform (${TEST_DB_KIND})`, function () {
    this.timeout(60_000);
    let database: TestDatabase;
    before(async () => (database = await createTestDatabase()));
    after(() => database.destroy());

    it("the calendar job runs platforms side by side, one job of a platform at a time", () => {
      const job = sessionCalendarJob({ db: database.db, encryptionKey: "k", logger: pino(), now: () => new Date() });
      expect(job.concurrency).to.deep.equal({ local: 4, perGroup: 1 });
    });

    it("a platform whose jobs hang holds one lane; another platform's jobs go on", async () => {
      const boss = createBoss(database);
      await boss.start();
      const hung = gate();
      const done: string[] = [];
      let hungAtOnce = 0;
      let hungMost = 0;
      try {
        await startJobs(
          boss,
          [
            {
              name: "lanes",
              retryLimit: 0,
              concurrency: { local: 3, perGroup: 1 },
              async handle(data: object) {
                const { platform, n } = data as { platform: string; n: number };
                if (platform === "hung") {
                  hungMost = Math.max(hungMost, ++hungAtOnce);
                  await hung.opened;
                  hungAtOnce--;
                }
                done.push(`${platform}:${n}`);
              },
            },
          ],
          pino({ level: "silent" }),
        );
        for (const n of [1, 2, 3]) await boss.send("lanes", { platform: "hung", n }, { group: { id: "hung" } });
        for (const n of [1, 2]) await boss.send("lanes", { platform: "ok", n }, { group: { id: "ok" } });
        await until(() => done.length >= 2);
        expect([...done].sort()).to.deep.equal(["ok:1", "ok:2"]);
        expect(hungMost).to.equal(1);
        hung.open();
        await until(() => done.length >= 5, 300);
        expect(done.filter((d) => d.startsWith("hung")).sort()).to.deep.equal(["hung:1", "hung:2", "hung:3"]);
        expect(hungMost).to.equal(1);
      } finally {
        hung.open();
        await boss.stop({ graceful: false });
      }
    });
  });
});
