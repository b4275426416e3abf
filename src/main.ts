import { createServer } from "node:http";
import { buildApp } from "./app.js";
import { openDatabase } from "./db/client.js";
import { migrateDatabase } from "./db/migrate.js";
import { loadEnv } from "./env.js";
import { createLogger } from "./http/logger.js";
import { resolveEncryptionKey } from "./secrets.js";

/** Boot: configuration, database and migrations, the web app, housekeeping, graceful shutdown. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const encryptionKey = resolveEncryptionKey(env);
  const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  await migrateDatabase(database);
  logger.info({ database: database.kind }, "database ready");
  const { app, housekeeping } = await buildApp({ env, database, logger, encryptionKey });
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  logger.info({ url: env.PUBLIC_URL, port: env.PORT, demo: env.DEMO_ENABLED }, "Rollbook is listening");

  const timer = setInterval(() => {
    housekeeping().catch((err: unknown) => logger.warn({ err }, "housekeeping failed"));
  }, 60_000);
  timer.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    clearInterval(timer);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      database
        .close()
        .then(() => process.exit(0))
        .catch(() => process.exit(1));
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`Rollbook failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
