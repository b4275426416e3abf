import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (where package.json names "rollbook"), found the same way from src/ under tsx and from dist/ after a build. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "rollbook") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find the rollbook package root");
    dir = parent;
  }
}

export const ROOT = findRoot();
export const VIEWS_DIR = resolve(ROOT, "views");
export const MIGRATIONS_DIR = resolve(ROOT, "src/db/migrations");
export const LTI_CONFIG_DIR = resolve(ROOT, "lti-config");
