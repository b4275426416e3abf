import type { RollbookApp } from "../app.js";
import type { JobDefinition } from "./registry.js";

/** Every minute: purge expired sessions, nonces, states and tokens. */
export function housekeepingJob(app: Pick<RollbookApp, "housekeeping">): JobDefinition {
  return {
    name: "housekeeping",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      await app.housekeeping();
    },
  };
}
