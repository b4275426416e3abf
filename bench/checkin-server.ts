/**
 * The app under the check-in benchmark, in its own process (as in production, where the phones are elsewhere):
 * startTestApp() over a fresh database, plus the scenarios and the row counts, driven by bench/checkin.bench.ts
 * over IPC.
 */
import { readdirSync, readFileSync } from "node:fs";
import { eq, inArray, sql } from "drizzle-orm";
import "../test/support/no-network.js";
import { attendanceMarkHistory, attendanceMarks, checkinAttempts } from "../src/db/schema.js";
import { startTestApp } from "../test/support/test-app.js";
import { createScenario, type BenchScenario } from "../test/support/checkin-scenario.js";

export type CheckinServerRequest =
  | { type: "scenario"; name: string; sessions: number; perSession: number }
  | { type: "count"; sessionIds: number[] }
  | { type: "cpu" }
  | { type: "stop" };
export interface RowCounts {
  marks: number;
  distinctMarks: number;
  history: number;
  accepted: number;
}
export type CheckinServerReply =
  | { type: "ready"; baseUrl: string; database: string }
  | { type: "scenario"; scenario: BenchScenario }
  | { type: "count"; counts: RowCounts }
  | { type: "cpu"; cpuMs: number; rssMb: number; postgresCpuMs: number | null }
  | { type: "failed"; error: string };

/**
 * CPU time of this machine's PostgreSQL processes (Linux /proc; utime + stime, plus the children's time the
 * postmaster has reaped), in ms: with the server on this machine, its share of a check-in's cost.
 */
function postgresCpuMs(): number | null {
  try {
    let ticks = 0;
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue; // gone meanwhile
      }
      const close = stat.lastIndexOf(")");
      if (stat.slice(stat.indexOf("(") + 1, close) !== "postgres") continue;
      const f = stat.slice(close + 2).split(" "); // f[0] is field 3 (state); utime is field 14
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

const send = (reply: CheckinServerReply) => process.send?.(reply);

async function serve(): Promise<void> {
  const t = await startTestApp({ DEMO_ENABLED: "false" });
  const db = t.database.db;
  process.on("message", (raw) => {
    const msg = raw as CheckinServerRequest;
    const answer = async (): Promise<void> => {
      if (msg.type === "scenario") {
        send({
          type: "scenario",
          scenario: await createScenario(db, msg.name, msg.sessions, msg.perSession, new Date()),
        });
      } else if (msg.type === "count") {
        const ids = msg.sessionIds;
        const [m] = await db
          .select({
            n: sql<number>`count(*)::int`,
            d: sql<number>`count(distinct (${attendanceMarks.sessionId}, ${attendanceMarks.userId}))::int`,
          })
          .from(attendanceMarks)
          .where(inArray(attendanceMarks.sessionId, ids));
        const [h] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(attendanceMarkHistory)
          .where(inArray(attendanceMarkHistory.sessionId, ids));
        const [a] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(checkinAttempts)
          .where(sql`${inArray(checkinAttempts.sessionId, ids)} and ${eq(checkinAttempts.outcome, "accepted")}`);
        send({ type: "count", counts: { marks: m!.n, distinctMarks: m!.d, history: h!.n, accepted: a!.n } });
      } else if (msg.type === "cpu") {
        const cpu = process.cpuUsage();
        send({
          type: "cpu",
          cpuMs: (cpu.user + cpu.system) / 1000,
          rssMb: Math.round(process.memoryUsage().rss / 1048576),
          postgresCpuMs: t.database.kind === "postgres" ? postgresCpuMs() : null,
        });
      } else {
        await t.close();
        process.disconnect?.();
        process.exit(0);
      }
    };
    answer().catch((err: unknown) => send({ type: "failed", error: String((err as Error).stack ?? err) }));
  });
  send({ type: "ready", baseUrl: t.baseUrl, database: t.database.kind });
}

serve().catch((err: unknown) => {
  send({ type: "failed", error: String((err as Error).stack ?? err) });
  process.exit(1);
});
