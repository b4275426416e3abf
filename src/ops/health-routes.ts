import { Router } from "express";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import { appliedMigrationCount, knownMigrationCount } from "../db/migrate.js";

/**
 * /healthz: the process answers. /readyz: the database answers and every migration this build knows is applied.
 * Both are public, so /readyz says only "ok" or "not ready" (503); why it is not ready goes to the log.
 */
export function healthRoutes(database: Database, logger: Logger): Router {
  const r = Router();
  const expected = knownMigrationCount();
  r.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  r.get("/readyz", async (_req, res) => {
    const notReady = () => res.status(503).type("text/plain").send("not ready");
    try {
      await database.ping();
      const applied = await appliedMigrationCount(database);
      if (applied < expected) {
        logger.warn({ applied, expected }, "not ready: migrations pending");
        return notReady();
      }
      res.type("text/plain").send("ok");
    } catch (err) {
      logger.warn({ err }, "not ready: the database does not answer");
      notReady();
    }
  });
  return r;
}
