import { Router } from "express";
import type { Database } from "../db/client.js";
import { appliedMigrationCount, knownMigrationCount } from "../db/migrate.js";

/** /healthz: the process answers. /readyz: the database answers and every migration this build knows is applied. */
export function healthRoutes(database: Database): Router {
  const r = Router();
  const expected = knownMigrationCount();
  r.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  r.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      const applied = await appliedMigrationCount(database);
      if (applied < expected) {
        res.status(503).json({ status: "migrating", applied, expected });
        return;
      }
      res.json({ status: "ready", database: database.kind, migrations: applied });
    } catch (err) {
      res.status(503).json({ status: "database_unreachable", error: (err as Error).message });
    }
  });
  return r;
}
