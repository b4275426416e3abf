import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import type { Logger } from "pino";
import { buildApp, type RollbookApp } from "./app.js";
import { openDatabase, type Database } from "./db/client.js";
import { migrateDatabase } from "./db/migrate.js";
import { loadEnv, type Env } from "./env.js";
import { createLogger } from "./http/logger.js";
import { createWebServer } from "./http/web-server.js";
import { createBoss, startJobs, workerJobs } from "./jobs/index.js";
import { encryptionKeyOpensData } from "./lti/verify-encryption-key.js";
import { encryptionKeySource, resolveEncryptionKey } from "./secrets.js";
import { deliveryFromEnv } from "./notify/index.js";
import { planProblem, planProcesses, superviseCluster } from "./ops/cluster.js";
import { messageChecks } from "./wiring.js";
import { demoUrlProblem, probePublicUrl } from "./demo/index.js";
import { zoomClientFromEnv } from "./planning/index.js";

/** Set once a signal asked us to stop: work that start-up had under way may then fail without it being a crash. */
let stopping = false;

/** Boot: configuration, database and migrations, then the web server and/or the job worker (ROLE), graceful shutdown. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const problem = planProblem(env);
  if (problem) return refuseToStart(problem);
  const encryptionKey = resolveEncryptionKey(env);
  const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  await migrateDatabase(database);
  if (!(await encryptionKeyOpensData(database.db, encryptionKey))) {
    const where = env.DATABASE_URL ? "the database at DATABASE_URL" : `the embedded database in ${env.PGLITE_DIR}`;
    await database.close();
    return refuseToStart(
      `the encryption key (${encryptionKeySource(env)}) does not open the data in ${where}: start with the key ` +
        "that database was made with, or give a new DATA_DIR (or PGLITE_DIR / DATABASE_URL) for a new database.",
    );
  }
  logger.info({ database: database.kind }, "database ready");
  const plan = planProcesses(env, availableParallelism());
  if (cluster.isPrimary && plan.web > 1) {
    await database.close(); // migrated once here; the children open their own pools
    return superviseCluster(plan, logger);
  }
  const built = await buildApp({ env, database, logger, encryptionKey });
  const web = createWebServer(built.app);
  const server = web.server;
  const boss = env.ROLE !== "web" ? createBoss(database) : null;

  // Signal handlers first: a SIGTERM during start-up still closes what is open and exits 0.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    Promise.all([web.drain(), boss?.stop({ graceful: true, timeout: 8000 })])
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  if (boss && !stopping) await startWorker(boss, { env, database, logger, encryptionKey, built });
  if (env.ROLE !== "worker" && !stopping) {
    await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
    logger.info({ url: env.PUBLIC_URL, port: env.PORT, demo: env.DEMO_ENABLED }, "Rollbook is listening");
    if (env.DEMO_ENABLED) {
      const problem = demoUrlProblem(env) ?? (await probePublicUrl(env.PUBLIC_URL));
      if (problem) logger.warn({ url: env.PUBLIC_URL, port: env.PORT }, problem);
    }
  }
}

/** The job worker: every job of src/jobs with what it needs. */
async function startWorker(
  boss: ReturnType<typeof createBoss>,
  w: { env: Env; database: Database; logger: Logger; encryptionKey: string; built: RollbookApp },
): Promise<void> {
  const { env, database, logger, encryptionKey, built } = w;
  boss.on("error", (err: unknown) => logger.error({ err }, "job queue error"));
  await boss.start();
  const jobs = workerJobs({
    db: database.db,
    encryptionKey,
    logger,
    lti: () => built.lti,
    boss,
    housekeeping: () => built.housekeeping(),
    delivery: { ...deliveryFromEnv(env, database.db, encryptionKey), stillValid: messageChecks },
    zoom: zoomClientFromEnv(env),
    zoomWebhooks: Boolean(env.ZOOM_WEBHOOK_SECRET),
  });
  await startJobs(boss, jobs, logger);
  logger.info("job worker started");
}

/** One clear sentence instead of a stack trace, for a start-up problem the operator can fix. */
function refuseToStart(sentence: string): void {
  process.stderr.write(`Rollbook cannot start: ${sentence}\n`);
  process.exitCode = 78;
}

main().catch((err: unknown) => {
  if (stopping) return; // a SIGTERM during start-up: stop() exits when it has closed everything
  process.stderr.write(`Rollbook failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
