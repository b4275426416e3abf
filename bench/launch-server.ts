/**
 * The app under benchmark, in its own process so its resident memory is its own and it has a core to itself:
 * startTestApp() on a real port over a fresh database (PGlite in memory, or a throwaway PostgreSQL database when
 * TEST_DATABASE_URL is set). Driven by bench/launches.bench.ts over IPC.
 */
import "../test/support/no-network.js";
import { addPlatform, type AddPlatformInput } from "../src/registration/add-platform.js";
import { startTestApp } from "../test/support/test-app.js";

export type ServerRequest = { type: "register"; platform: AddPlatformInput } | { type: "memory" } | { type: "stop" };
export type ServerReply =
  | { type: "ready"; baseUrl: string; database: string; rssMb: number }
  | { type: "registered" }
  | { type: "memory"; rssMb: number; heapUsedMb: number; heapTotalMb: number; heapAfterGcMb: number; cpuMs: number }
  | { type: "failed"; error: string };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const send = (reply: ServerReply) => process.send?.(reply);

async function serve(): Promise<void> {
  const t = await startTestApp({ DEMO_ENABLED: "false" });
  process.on("message", (raw) => {
    const msg = raw as ServerRequest;
    const answer = async (): Promise<void> => {
      if (msg.type === "register") {
        await addPlatform(t.lti, msg.platform);
        send({ type: "registered" });
      } else if (msg.type === "memory") {
        const m = process.memoryUsage();
        const cpu = process.cpuUsage();
        (globalThis as { gc?: () => void }).gc?.(); // what is still reachable, for telling a leak from a lazy collector
        const retained = process.memoryUsage().heapUsed;
        send({
          type: "memory",
          rssMb: mb(m.rss),
          heapUsedMb: mb(m.heapUsed),
          heapTotalMb: mb(m.heapTotal),
          heapAfterGcMb: mb(retained),
          cpuMs: (cpu.user + cpu.system) / 1000,
        });
      } else {
        await t.close();
        process.disconnect?.();
        process.exit(0);
      }
    };
    answer().catch((err: unknown) => send({ type: "failed", error: String((err as Error).stack ?? err) }));
  });
  send({ type: "ready", baseUrl: t.baseUrl, database: t.database.kind, rssMb: mb(process.memoryUsage().rss) });
}

serve().catch((err: unknown) => {
  send({ type: "failed", error: String((err as Error).stack ?? err) });
  process.exit(1);
});
