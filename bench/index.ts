import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process, and passes the arguments on
 * (`npm run bench -- --only postgres`). `npm run bench -- launches` runs only the benches whose name matches.
 */
const dir = import.meta.dirname;
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith("-"));
const filters = firstOption === -1 ? args : args.slice(0, firstOption); // names before the first option
const passOn = firstOption === -1 ? [] : args.slice(firstOption);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file}\n`);
  const r = spawnSync(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "--expose-gc", join(dir, file), ...passOn],
    { stdio: "inherit" },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
