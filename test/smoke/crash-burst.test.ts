import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { signLink } from "../../src/checkin/checkin-link.js";
import { rotatingCode } from "../../src/checkin/rotating-code.js";
import { attendanceMarkHistory, attendanceMarks, attendanceSessions, attendanceStatuses } from "../../src/db/schema.js";
import { ROOT } from "../../src/paths.js";
import { createScenario, lecturerBrowser, type BenchScenario } from "../support/checkin-scenario.js";
import { scanAsPhone } from "../support/phone-scan.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

const KEY = "crash-test-encryption-key-0123456789-abcdefgh";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app as production runs it (one process, web and jobs), on the test's database; SIGKILL-able. */
function startApp(database: TestDatabase, dir: string, port: number): { child: ChildProcess; log: () => string } {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dir,
      DATABASE_URL: database.url!,
      ENCRYPTION_KEY: KEY,
      WEB_CONCURRENCY: "1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
  return { child, log: () => stderr };
}

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 480; i++) {
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(250);
  }
  throw new Error("the app did not become ready");
}

type Answer = { status: number; outcome: string } | null; // null: no answer (connection refused or cut)

/** One phone opening the scanned link now (the projector's current code), as JSON. */
async function scan(base: string, s: BenchScenario, i: number): Promise<Answer> {
  const st = s.students[i]!;
  const session = s.sessions.find((x) => x.id === st.sessionId)!;
  const token = signLink(KEY, { sessionId: session.id, code: await rotatingCode(session.secret, new Date(), 10) });
  try {
    const res = await scanAsPhone(`${base}/c/${token}`, st.cookie);
    let outcome = "";
    try {
      const body = JSON.parse(res.text) as { outcome?: string; error?: { code?: string } };
      outcome = body.outcome ?? body.error?.code ?? "";
    } catch {
      outcome = `not json: ${res.text.slice(0, 80)}`;
    }
    return { status: res.status, outcome };
  } catch {
    return null;
  }
}

/** Marks and history rows of the sessions, and the rows of one without the other. */
async function rowCounts(db: TestDatabase["db"], sessionIds: number[]) {
  const ids = `{${sessionIds.join(",")}}`;
  const res = await db.execute(sql`
    select
      (select count(*)::int from attendance_marks where session_id = any(${ids}::int[])) as marks,
      (select count(distinct (session_id, user_id))::int from attendance_marks
        where session_id = any(${ids}::int[])) as distinct_marks,
      (select count(*)::int from attendance_mark_history where session_id = any(${ids}::int[])) as history,
      (select count(*)::int from attendance_marks m where m.session_id = any(${ids}::int[])
         and not exists (select 1 from attendance_mark_history h
                         where h.session_id = m.session_id and h.user_id = m.user_id)) as marks_without_history,
      (select count(*)::int from attendance_mark_history h where h.session_id = any(${ids}::int[])
         and not exists (select 1 from attendance_marks m
                         where m.session_id = h.session_id and m.user_id = h.user_id)) as history_without_mark`);
  return (res as unknown as { rows: Record<string, number>[] }).rows[0]!;
}

/** Runs `n` tasks, `inFlight` at a time. */
async function pool(n: number, inFlight: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/**
 * Issue 14, item 4: the app is killed with SIGKILL in the middle of a check-in burst and of register saves.
 * Every check-in that was answered "accepted" is stored, no mark is without its history or the reverse, a
 * register save is all there or not at all, and after a restart every phone can simply scan again (idempotent):
 * exactly one mark per student. PostgreSQL only: the app runs in its own process on the test's database.
 */
(TEST_DB_KIND === "postgres" ? describe : describe.skip)(
  `a crash in the middle of a burst (${TEST_DB_KIND})`,
  function () {
    this.timeout(300_000);
    let database: TestDatabase;
    let dir: string;
    let app: { child: ChildProcess; log: () => string } | undefined;
    const port = 20000 + Math.floor(Math.random() * 20000);
    const base = `http://127.0.0.1:${port}`;
    before(async () => {
      database = await createTestDatabase();
      dir = mkdtempSync(join(tmpdir(), "rollbook-crash-"));
    });
    after(async () => {
      app?.child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      await database?.destroy();
    });

    it("keeps every answered check-in and register save whole after SIGKILL, and takes the retries once", async () => {
      const db = database.db;
      app = startApp(database, dir, port);
      await waitReady(base);

      const s = await createScenario(db, "crash", 4, 150, new Date(), KEY);
      const [register] = await db
        .insert(attendanceSessions)
        .values({
          activityId: s.activityId,
          setId: s.setId,
          startsAt: new Date(Date.now() - 60 * 60_000),
          endsAt: new Date(Date.now() - 30 * 60_000),
        })
        .returning();
      const statuses = await db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, s.setId));
      const P = statuses.find((x) => x.acronym === "P")!.id;
      const A = statuses.find((x) => x.acronym === "A")!.id;
      const users = [...new Set(s.students.map((x) => x.cookie))].length;
      expect(users).to.equal(600);
      const userIds = Array.from({ length: 600 }, (_, i) => `s${i}`);

      // The lecturer's browser: its register page gives the CSRF token and cookie.
      const browser = await lecturerBrowser(db, s, new Date(), KEY);
      const page = await fetch(`${base}/activities/${s.activityId}/attendance/sessions/${register!.id}`, {
        headers: { cookie: browser },
      });
      expect(page.status, app.log()).to.equal(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const cookie = [browser, ...page.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");

      let answeredSaves = 0;
      let killed = false;
      const saves = (async () => {
        let shown: number | null = null;
        while (!killed) {
          const want: number = shown === P ? A : P;
          const form = new URLSearchParams({ _csrf: csrf });
          for (const u of userIds) {
            form.set(`s_${u}`, String(want));
            form.set(`o_${u}`, shown === null ? "" : String(shown));
          }
          try {
            const res = await fetch(`${base}/activities/${s.activityId}/attendance/sessions/${register!.id}/marks`, {
              method: "POST",
              headers: { cookie, accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
              body: form,
            });
            const body = (await res.json()) as { changed?: number };
            expect(res.status).to.equal(200);
            expect(body.changed).to.equal(600);
            answeredSaves++;
            shown = want;
          } catch (err) {
            if (!killed) throw err;
          }
        }
      })();

      const answers: Answer[] = new Array<Answer>(600).fill(null);
      let accepted = 0;
      await pool(600, 24, async (i) => {
        const a = await scan(base, s, i);
        answers[i] = a;
        if (a?.status === 200 && a.outcome === "accepted") accepted++;
        if (accepted >= 200 && !killed) {
          killed = true;
          app!.child.kill("SIGKILL");
        }
      });
      const wasKilled = killed;
      killed = true; // stops the saves either way
      await saves;
      const outcomes = answers.reduce<Record<string, number>>((acc, a) => {
        const k = a ? `${a.status} ${a.outcome}` : "no answer";
        return { ...acc, [k]: (acc[k] ?? 0) + 1 };
      }, {});
      expect(wasKilled, JSON.stringify(outcomes)).to.equal(true);
      const acceptedIdx = answers.flatMap((a, i) => (a?.status === 200 && a.outcome === "accepted" ? [i] : []));
      expect(acceptedIdx.length).to.be.at.least(200);
      expect(
        answers.filter((a) => a && a.status >= 500),
        "no 5xx before the kill",
      ).to.deep.equal([]);

      // Nothing lost, nothing half-written.
      const sessionIds = s.sessions.map((x) => x.id);
      const marks = await db
        .select({ sessionId: attendanceMarks.sessionId, userId: attendanceMarks.userId })
        .from(attendanceMarks)
        .where(inArray(attendanceMarks.sessionId, sessionIds));
      const stored = new Set(marks.map((m) => `${m.sessionId}/${m.userId}`));
      const lost = acceptedIdx.filter((i) => !stored.has(`${s.students[i]!.sessionId}/s${i}`));
      expect(lost, "answered check-ins missing after the crash").to.deep.equal([]);
      const afterCrash = await rowCounts(db, sessionIds);
      expect([afterCrash.marks_without_history, afterCrash.history_without_mark]).to.deep.equal([0, 0]);

      const registerMarks = await db
        .select({ statusId: attendanceMarks.statusId })
        .from(attendanceMarks)
        .where(eq(attendanceMarks.sessionId, register!.id));
      expect(answeredSaves, "register saves answered before the kill").to.be.at.least(1);
      expect(registerMarks).to.have.length(600); // the first save was answered: all 600 are there
      expect(new Set(registerMarks.map((m) => m.statusId)).size, "one save's statuses, never a mix").to.equal(1);
      const [h] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(attendanceMarkHistory)
        .where(eq(attendanceMarkHistory.sessionId, register!.id));
      expect(h!.n % 600, "history rows of whole saves only").to.equal(0);
      expect(h!.n / 600).to.be.within(answeredSaves, answeredSaves + 1);

      // Restart; every phone scans again: the answered ones are "already", the rest are accepted; one mark each.
      app = startApp(database, dir, port);
      await waitReady(base);
      const again: Answer[] = new Array<Answer>(600).fill(null);
      await pool(600, 24, async (i) => void (again[i] = await scan(base, s, i)));
      expect(again.filter((a) => a?.status !== 200).slice(0, 3), app.log()).to.deep.equal([]);
      expect(acceptedIdx.filter((i) => again[i]!.outcome !== "already")).to.deep.equal([]);
      expect(again.filter((a) => !["accepted", "already"].includes(a!.outcome))).to.deep.equal([]);
      expect(await rowCounts(db, sessionIds)).to.deep.equal({
        marks: 600,
        distinct_marks: 600,
        history: 600,
        marks_without_history: 0,
        history_without_mark: 0,
      });
    });

    it("answers 503 'try again' (never 500) while its database connections are cut mid-burst, and recovers by itself", async () => {
      const db = database.db;
      const s = await createScenario(db, "cut", 2, 150, new Date(), KEY);
      const answers: Answer[] = new Array<Answer>(300).fill(null);
      let accepted = 0;
      let cuts = 0;
      let cutsStarted = 0; // counted before the await, so two phones never cut at once (each would end the other)
      const cut = async () => {
        cutsStarted++;
        // Every connection to this database but the one that asks: the app's pool and the job worker's.
        await db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
                             where datname = current_database() and pid <> pg_backend_pid()`);
        cuts++;
      };
      await pool(300, 24, async (i) => {
        const a = await scan(base, s, i);
        answers[i] = a;
        if (a?.status === 200 && a.outcome === "accepted") accepted++;
        if ((accepted >= 60 && cutsStarted === 0) || (accepted >= 120 && cutsStarted === 1 && cuts === 1)) await cut();
      });
      expect(cuts).to.equal(2);
      const kinds = new Set(answers.map((a) => (a ? `${a.status} ${a.outcome}` : "no answer")));
      for (const k of kinds) expect(k, app!.log()).to.match(/^(200 accepted|503 \w+)$/);
      // The app recovers by itself: retrying every phone that was told to try again checks it in.
      for (let round = 0; round < 5 && answers.some((a) => a?.status !== 200); round++) {
        await sleep(1000);
        for (let i = 0; i < 300; i++) if (answers[i]?.status !== 200) answers[i] = await scan(base, s, i);
      }
      expect(answers.filter((a) => a?.status !== 200)).to.deep.equal([]);
      expect(
        await rowCounts(
          db,
          s.sessions.map((x) => x.id),
        ),
      ).to.deep.equal({
        marks: 300,
        distinct_marks: 300,
        history: 300,
        marks_without_history: 0,
        history_without_mark: 0,
      });
      console.log(`      (connections cut twice: ${[...kinds].join(", ")})`);
    });
  },
);
