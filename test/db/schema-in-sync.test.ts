import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../src/paths.js";

/** A schema change without its migration would pass every test that migrates from the files: this catches it. */
describe("the Drizzle schema and the migrations", function () {
  this.timeout(120_000);
  const out = join(ROOT, "test-results", "migrations-check");
  after(() => rmSync(out, { recursive: true, force: true }));

  it("agree: drizzle-kit finds nothing to generate, and its check passes", () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(join(ROOT, "test-results"), { recursive: true });
    cpSync(join(ROOT, "src/db/migrations"), out, { recursive: true });
    const before = readdirSync(out).filter((f) => f.endsWith(".sql"));
    const kit = join(ROOT, "node_modules/drizzle-kit/bin.cjs");
    const args = ["--dialect", "postgresql", "--schema", "./src/db/schema", "--out", "./test-results/migrations-check"];
    const said = execFileSync(process.execPath, [kit, "generate", ...args], { cwd: ROOT, encoding: "utf8" });
    expect(
      readdirSync(out).filter((f) => f.endsWith(".sql")),
      said,
    ).to.deep.equal(before);
    execFileSync(process.execPath, [kit, "check", "--dialect", "postgresql", "--out", "./src/db/migrations"], {
      cwd: ROOT,
      stdio: "pipe",
    });
  });
});
