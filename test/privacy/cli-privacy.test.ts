import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { eq, inArray } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/client.js";
import * as t from "../../src/db/schema.js";
import { ROOT } from "../../src/paths.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { seedPlatform, type PlatformWorld } from "./world.js";

const run = promisify(execFile);

describe(`rollbook privacy:export and privacy:delete (${TEST_DB_KIND})`, function () {
  this.timeout(600_000); // each command starts node with tsx and opens the database
  let dir: string;
  let server: TestDatabase | undefined;
  let env: Record<string, string>;
  const worlds: PlatformWorld[] = [];

  const rollbook = (...args: string[]) =>
    run(process.execPath, ["--conditions=source", "--import", "tsx", join(ROOT, "src/cli/rollbook.ts"), ...args], {
      env,
      cwd: ROOT,
    });
  // PGlite is one process's at a time: the test opens it only between commands
  const withDb = async <R>(work: (d: Database) => Promise<R>): Promise<R> => {
    const d = server ?? (await openDatabase({ pgliteDir: join(dir, "pglite") }));
    try {
      return await work(d);
    } finally {
      if (!server) await d.close();
    }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rollbook-privacy-"));
    env = {
      ...(process.env as Record<string, string>),
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATA_DIR: dir,
      PGLITE_DIR: join(dir, "pglite"),
      ENCRYPTION_KEY: "cli-test-key-0123456789-0123456789-abc",
    };
    if (TEST_DB_KIND === "postgres") {
      server = await createTestDatabase();
      env.DATABASE_URL = server.url as string;
    }
    for (const n of ["1", "2"]) {
      const issuer = `https://moodle${n}.example.lv`;
      const out = await rollbook("platform:add", "--issuer", issuer, "--client-id", `client-${n}`);
      const id = /^active +(\S+)/m.exec(out.stdout)![1]!;
      worlds.push(
        await withDb((d) => seedPlatform(d.db, id, { issuer, clientId: `client-${n}`, marker: `MARK-${n}` })),
      );
    }
  });
  after(async () => {
    await server?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes one person's JSON to a file readable only by its owner; the other platform's rows stay out", async () => {
    const file = join(dir, "anna.json");
    const out = await rollbook(
      "privacy:export",
      "--platform",
      "https://moodle1.example.lv/",
      "--user",
      "4",
      "--out",
      file,
    );
    expect(out.stdout).to.equal(`wrote ${file}\n`);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const doc = JSON.parse(readFileSync(file, "utf8"));
    expect(doc).to.deep.include({ format: "rollbook.privacy-export", userId: "4" });
    expect(doc.platform.id).to.equal(worlds[0]!.platformId);
    expect(doc.tables.attendance_marks).to.have.length(2);
    expect(JSON.stringify(doc)).to.include("MARK-1").and.not.include("MARK-2");
  });

  it("counts in a dry run, then deletes on one platform only", async () => {
    const [one, two] = worlds as [PlatformWorld, PlatformWorld];
    const dry = await rollbook("privacy:delete", "--platform", one.platformId, "--user", "4", "--dry-run");
    expect(dry.stdout).to.match(/^dry run: would delete or anonymise for user 4 on \S+ \(nothing changed\)$/m);
    expect(dry.stdout)
      .to.match(/^ {2}attendance_marks +2$/m)
      .and.match(/^ {2}checkin_attempts +2$/m);
    const marksOf = (w: PlatformWorld) =>
      withDb((d) => d.db.select().from(t.attendanceMarks).where(inArray(t.attendanceMarks.sessionId, w.sessionIds)));
    expect((await marksOf(one)).filter((m) => m.userId === "4")).to.have.length(2);

    const real = await rollbook("privacy:delete", "--platform", one.platformId, "--user", "4");
    const pseudonym = /the course's records now say (anon-[0-9a-f]{12})$/m.exec(real.stdout)?.[1];
    expect(pseudonym, real.stdout).to.be.a("string");
    expect(real.stdout.split("\n").slice(1)).to.deep.equal(dry.stdout.split("\n").slice(1));
    expect((await marksOf(one)).filter((m) => m.userId === pseudonym)).to.have.length(2);
    expect((await marksOf(two)).filter((m) => m.userId === "4")).to.have.length(2);
    const attempts = await withDb((d) =>
      d.db.select().from(t.checkinAttempts).where(eq(t.checkinAttempts.userId, "4")),
    );
    expect(attempts.map((a) => a.sessionId).every((id) => two.sessionIds.includes(id))).to.equal(true);
    expect(attempts).to.have.length(2);
  });

  it("refuses an unknown platform and a missing user id with a sentence", async () => {
    const bad = await rollbook("privacy:export", "--platform", "nope", "--user", "4").catch(
      (e: { stderr: string }) => e,
    );
    expect((bad as { stderr: string }).stderr).to.include("no such platform: nope (see platform:list)");
    const none = await rollbook("privacy:delete", "--platform", worlds[0]!.platformId).catch(
      (e: { stderr: string }) => e,
    );
    expect((none as { stderr: string }).stderr).to.include("give the person's Moodle user id with --user");
  });
});
