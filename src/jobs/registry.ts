import type { PgBoss } from "pg-boss";
import type { Logger } from "pino";

/** One kind of background work: its queue, an optional cron schedule (Europe/Riga) and its handler. */
export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron in Europe/Riga time; omit for jobs that are only sent. */
  cron?: string;
  retryLimit?: number;
  handle(data: T): Promise<void>;
}

/** Creates the queues, schedules the cron jobs and starts a worker for each job. */
export async function startJobs(boss: PgBoss, jobs: readonly JobDefinition[], logger: Logger): Promise<void> {
  for (const job of jobs) {
    await boss.createQueue(job.name, { retryLimit: job.retryLimit ?? 5, retryBackoff: true });
    if (job.cron) await boss.schedule(job.name, job.cron, null, { tz: "Europe/Riga" });
    await boss.work(job.name, async (batch) => {
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
