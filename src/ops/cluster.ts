import cluster from "node:cluster";
import type { Logger } from "pino";
import type { Env } from "../env.js";

/** What the primary starts: `web` web processes on one port, and whether one more process runs the jobs. */
export interface ProcessPlan {
  web: number;
  worker: boolean;
}

/**
 * How many processes this start runs (pure). WEB_CONCURRENCY, or the number of cores on PostgreSQL; the embedded
 * database is one process's own, so PGlite always runs one process doing everything. A plan of one web process
 * means "no cluster": the process serves and works itself, as before.
 */
export function planProcesses(env: Pick<Env, "WEB_CONCURRENCY" | "DATABASE_URL" | "ROLE">, cores: number): ProcessPlan {
  if (!env.DATABASE_URL || env.ROLE === "worker") return { web: 1, worker: false };
  const web = env.WEB_CONCURRENCY ?? Math.max(1, cores);
  return { web, worker: web > 1 && env.ROLE === "all" };
}

/** Why a plan cannot run, in one sentence for the operator; null when it can. */
export function planProblem(env: Pick<Env, "WEB_CONCURRENCY" | "DATABASE_URL">): string | null {
  if (!env.DATABASE_URL && (env.WEB_CONCURRENCY ?? 1) > 1)
    return (
      `WEB_CONCURRENCY=${env.WEB_CONCURRENCY} needs PostgreSQL (DATABASE_URL): the embedded database belongs to one ` +
      "process. Set DATABASE_URL, or leave WEB_CONCURRENCY unset."
    );
  return null;
}

/**
 * The primary of a cluster: forks the web processes (they share the port through node's cluster) and the job
 * worker, starts a new one when one dies unexpectedly, and on SIGTERM/SIGINT passes the signal on and exits when
 * every child has stopped. The primary holds no requests and no state of its own.
 */
export function superviseCluster(plan: ProcessPlan, logger: Logger): void {
  let stopping = false;
  const roles = new Map<number, "web" | "worker">();
  const fork = (role: "web" | "worker") => {
    const child = cluster.fork({ ROLE: role, ROLLBOOK_CLUSTER_CHILD: "1" });
    roles.set(child.id, role);
  };
  cluster.on("exit", (child, code, signal) => {
    const role = roles.get(child.id) ?? "web";
    roles.delete(child.id);
    if (stopping) {
      if (roles.size === 0) process.exit(0);
      return;
    }
    logger.error({ role, code, signal }, "a Rollbook process stopped; starting another");
    setTimeout(() => !stopping && fork(role), 1000).unref();
  });
  for (let i = 0; i < plan.web; i++) fork("web");
  if (plan.worker) fork("worker");
  logger.info({ web: plan.web, worker: plan.worker }, "Rollbook cluster started");
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down the cluster");
    for (const child of Object.values(cluster.workers ?? {})) child?.process.kill(signal);
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
