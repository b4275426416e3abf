import type { ServerReply } from "./launch-server.js";

type Memory = Extract<ServerReply, { type: "memory" }>;

/** One database's figures, as printed and as written to bench/results/launches.json. */
export interface BenchRow {
  database: string;
  launches: number;
  errors: number;
  launchesPerSecond: number;
  medianMs: number;
  p95Ms: number;
  rssAfterStartMb: number;
  rssAfterLaunchesMb: number;
  heapUsedAfterLaunchesMb: number;
  heapTotalAfterLaunchesMb: number;
  /** The heap still reachable after a full collection, at start and after the launches: growth here would be a leak. */
  heapAfterGcAtStartMb: number;
  heapAfterGcAfterLaunchesMb: number;
  /** CPU time the app process spent per launch (user + system): throughput per core, whatever else the machine runs. */
  appCpuMsPerLaunch: number;
  /** The same for the driving process: the platform signing id_tokens and the virtual browsers. */
  driverCpuMsPerLaunch: number;
}

/** The p-th percentile (nearest rank) of ascending numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Turns one run's timings and the app's memory and CPU readings (at start, before and after the launches) into a row. */
export function benchRow(
  database: string,
  run: { times: number[]; errors: string[]; seconds: number },
  memory: { atStart: Memory; before: Memory; atEnd: Memory },
  driverCpu: NodeJS.CpuUsage,
): BenchRow {
  const sorted = [...run.times].sort((a, b) => a - b);
  const attempts = Math.max(1, run.times.length + run.errors.length);
  const { atStart, before, atEnd } = memory;
  return {
    database,
    launches: run.times.length,
    errors: run.errors.length,
    launchesPerSecond: round1(run.times.length / run.seconds),
    medianMs: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    rssAfterStartMb: atStart.rssMb,
    rssAfterLaunchesMb: atEnd.rssMb,
    heapUsedAfterLaunchesMb: atEnd.heapUsedMb,
    heapTotalAfterLaunchesMb: atEnd.heapTotalMb,
    heapAfterGcAtStartMb: atStart.heapAfterGcMb,
    heapAfterGcAfterLaunchesMb: atEnd.heapAfterGcMb,
    appCpuMsPerLaunch: round1((atEnd.cpuMs - before.cpuMs) / attempts),
    driverCpuMsPerLaunch: round1((driverCpu.user + driverCpu.system) / 1000 / attempts),
  };
}

/** The rows as a Markdown table (the README takes it as is). */
export function formatTable(rows: readonly BenchRow[], launches: number): string {
  const head = [
    "database",
    "launches",
    "launches/s",
    "median ms",
    "p95 ms",
    "RSS after start MB",
    `RSS after ${launches.toLocaleString("en")} MB`,
    "app CPU ms/launch",
  ];
  const cells = rows.map((r) =>
    [
      r.database,
      r.launches,
      r.launchesPerSecond,
      r.medianMs,
      r.p95Ms,
      r.rssAfterStartMb,
      r.rssAfterLaunchesMb,
      r.appCpuMsPerLaunch,
    ].map(String),
  );
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...cells.map((c) => `| ${c.join(" | ")} |`),
  ].join("\n");
}
