import type { JobDefinition } from "./registry.js";

/** Every minute: purge expired sessions, nonces, states and tokens, and attempt logs past their retention. */
export function housekeepingJob(app: { housekeeping(): Promise<unknown> }): JobDefinition {
  return {
    name: "housekeeping",
    cron: "* * * * *",
    retryLimit: 0,
    async handle() {
      await app.housekeeping();
    },
  };
}
