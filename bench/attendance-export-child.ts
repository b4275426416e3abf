/**
 * One export in a process of its own, for an honest peak memory: opens the PostgreSQL database the bench made,
 * runs the export into a slow-ish discarding stream (with back-pressure, like a client on a real network),
 * samples its own RSS every 10 ms and sends { ms, bytes, peakRssMb, baseRssMb } to the parent.
 *   argv: <database url> <course id> <activity id> <csv|xlsx> <tidy|wide>
 */
import { Writable } from "node:stream";
import { csvRows } from "../src/attendance/export/export-csv.js";
import { exportTidy, exportWide } from "../src/attendance/export/export-rows.js";
import { xlsxRows } from "../src/attendance/export/export-xlsx.js";
import { openDatabase } from "../src/db/client.js";
import { translator } from "../src/i18n/i18n.js";

const [url, courseId, activityId, format, shape] = process.argv.slice(2) as [
  string,
  string,
  string,
  "csv" | "xlsx",
  "tidy" | "wide",
];
const database = await openDatabase({ url, poolSize: 2 });
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
(globalThis as { gc?: () => void }).gc?.();
const base = process.memoryUsage().rss;
let peak = base;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
let bytes = 0;
const sink = new Writable({
  highWaterMark: 64 * 1024,
  write(chunk: Buffer | string, _enc, done) {
    bytes += Buffer.byteLength(chunk);
    setImmediate(done);
  },
});
const x = {
  db: database.db,
  courseId: Number(courseId),
  activityId: Number(activityId),
  zone: "Europe/Riga",
  basis: "taken" as const,
  now: new Date("2026-06-01T12:00:00Z"),
  t: translator("lv"),
};
const run = shape === "tidy" ? exportTidy : exportWide;
const t0 = performance.now();
if (format === "csv") {
  await run(
    x,
    csvRows({ separator: ";" }, (chunk) =>
      sink.write(chunk) ? Promise.resolve() : new Promise((r) => sink.once("drain", () => r())),
    ),
  );
  await new Promise<void>((resolve) => sink.end(resolve));
} else {
  const finished = new Promise<void>((resolve) => sink.on("finish", () => resolve()));
  const book = xlsxRows(sink, "Apmeklējums");
  await run(x, book.write);
  await book.finish();
  await finished;
}
const ms = Math.round(performance.now() - t0);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.send?.({ ms, bytes, peakRssMb: mb(peak), baseRssMb: mb(base) });
await database.close();
process.exit(0);
