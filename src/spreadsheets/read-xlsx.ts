import { Worker } from "node:worker_threads";
import { DEFAULT_MAX_ROWS, SpreadsheetLimitError } from "./limits.js";
import type { SheetRow } from "./read-csv.js";
import type { XlsxAnswer, XlsxJob } from "./xlsx-worker.js";
import { inspectZip } from "./zip-limits.js";

export { cellText } from "./cell-text.js";

/** Does the file start like an XLSX (a ZIP archive)? CSV files never do. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** How a workbook is read off the event loop: the worker's heap, its time, and how many run at once. */
export const XLSX_WORKER = {
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  timeoutMs: 15_000,
  parallel: 2,
};

// The worker is a .ts file under tsx (tests, dev) and .js once built; it inherits the process's loader flags.
const workerUrl = new URL(`./xlsx-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

let running = 0;
const waiting: Array<() => void> = [];

/**
 * The first worksheet of an XLSX file as rows of text (the first is the header), each with its row number.
 * Guarantees for a hostile file: the ZIP directory is checked first (inspectZip: entries, sizes, ratio) on this
 * thread without unpacking anything; the workbook is then stream-read in a worker thread with a memory limit and a
 * timeout (at most XLSX_WORKER.parallel at once), which stops after maxRows + 1 non-empty rows. A file beyond the
 * limits throws SpreadsheetLimitError; a file that is not a readable workbook throws a plain Error.
 */
export async function readXlsx(
  bytes: Uint8Array,
  { maxRows = DEFAULT_MAX_ROWS, timeoutMs = XLSX_WORKER.timeoutMs } = {},
): Promise<SheetRow[]> {
  const checked = inspectZip(bytes);
  if (checked === "too_large") throw new SpreadsheetLimitError("limits.xlsx_too_large");
  if (checked === "unreadable") throw new Error("not a ZIP archive");
  await turn();
  try {
    const answer = await inWorker({ bytes: new Uint8Array(bytes), maxRows }, timeoutMs);
    if ("rows" in answer) return answer.rows;
    if (answer.problem === "too_large") throw new SpreadsheetLimitError("limits.xlsx_too_large");
    throw new Error("not a readable XLSX workbook");
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Waits until fewer than XLSX_WORKER.parallel workbooks are being read, then takes a place. */
async function turn(): Promise<void> {
  if (running >= XLSX_WORKER.parallel) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
}

/** Runs one job in a fresh worker; a worker out of memory or out of time is terminated and reported as too slow. */
function inWorker(job: XlsxJob, timeoutMs: number): Promise<XlsxAnswer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, {
      workerData: job,
      transferList: [job.bytes.buffer as ArrayBuffer],
      resourceLimits: {
        maxOldGenerationSizeMb: XLSX_WORKER.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: XLSX_WORKER.maxYoungGenerationSizeMb,
      },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new SpreadsheetLimitError("limits.xlsx_too_slow"));
    }, timeoutMs);
    const done = () => clearTimeout(timer);
    worker.once("message", (answer: XlsxAnswer) => {
      done();
      void worker.terminate();
      resolve(answer);
    });
    worker.once("error", (err: Error & { code?: string }) => {
      done();
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY") reject(new SpreadsheetLimitError("limits.xlsx_too_slow"));
      else reject(err);
    });
    worker.once("exit", () => {
      done();
      reject(new Error("the XLSX worker stopped without an answer"));
    });
  });
}
