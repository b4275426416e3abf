import type { PgBoss } from "pg-boss";
import type { Logger } from "pino";

/** One kind of background work: its queue, an optional cron schedule (Europe/Riga) and its handler. */
export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron in Europe/Riga time; omit for jobs that are only sent. */
  cron?: string;
  retryLimit?: number;
  /**
   * Jobs of this queue run `local` at a time in this process, at most `perGroup` of one group (a platform) at once
   * in it: one Moodle that does not answer holds `perGroup` lanes of each process, the others go on. Counted in the
   * process (pg-boss's localGroupConcurrency, which hands back what is over): its database-wide groupConcurrency
   * let three workers polling at once on PostgreSQL claim three jobs of one group (seen in
   * test/jobs/platform-lanes.test.ts). Without it, one at a time.
   */
  concurrency?: { local: number; perGroup: number };
  handle(data: T): Promise<void>;
}

/** Creates the queues, schedules the cron jobs and starts a worker for each job. */
export async function startJobs(boss: PgBoss, jobs: readonly JobDefinition[], logger: Logger): Promise<void> {
  for (const job of jobs) {
    await boss.createQueue(job.name, { retryLimit: job.retryLimit ?? 5, retryBackoff: true });
    if (job.cron) await boss.schedule(job.name, job.cron, null, { tz: "Europe/Riga" });
    const lanes = job.concurrency
      ? { localConcurrency: job.concurrency.local, localGroupConcurrency: job.concurrency.perGroup }
      : {};
    await boss.work(job.name, lanes, async (batch) => {
      for (const j of batch) {
        try {
          await job.handle((j.data ?? {}) as object);
        } catch (err) {
          logger.warn({ err, job: job.name, id: j.id }, "job failed; pg-boss retries it");
          throw err;
        }
      }
    });
  }
}
