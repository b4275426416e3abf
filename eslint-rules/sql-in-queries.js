/**
 * SQL lives in queries files only (issue 16): `queries.ts`, `*-queries.ts`, `queries/**`, `repo/**` and src/db/**.
 * Anywhere else in src/ a file may not import drizzle's query builders or the schema's tables as values, nor call
 * `db.select(...)`, `tx.insert(...)`, `db.execute(...)`, `db.query.*`: commands call a query function instead and pass
 * their `Tx` down. Type-only imports (`import type { Db }`) are fine.
 * Files not converted yet are listed in sql-pending.txt; that list only shrinks.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");
const SRC = resolve(ROOT, "src");
const PENDING = new Set(
  readFileSync(resolve(HERE, "sql-pending.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#")),
);
const BUILDER_CALLS = new Set([
  "select",
  "selectDistinct",
  "selectDistinctOn",
  "insert",
  "update",
  "delete",
  "execute",
]);
const DB_NAMES = new Set(["db", "tx", "trx"]);

/** Whether a file of src/ may hold SQL (pure, exported for the rule's test). */
export function isQueriesFile(relFromSrc) {
  const parts = relFromSrc.split(/[\\/]/);
  const base = parts[parts.length - 1];
  return (
    parts[0] === "db" ||
    base === "queries.ts" ||
    base.endsWith("-queries.ts") ||
    parts.slice(0, -1).includes("queries") ||
    parts.slice(0, -1).includes("repo")
  );
}

const isTypeOnly = (node) =>
  node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));

export default {
  rules: {
    "sql-in-queries": {
      meta: { type: "problem", schema: [], messages: { sql: "{{msg}}" } },
      create(context) {
        const rel = relative(SRC, context.filename);
        if (rel.startsWith("..") || isQueriesFile(rel)) return {};
        if (PENDING.has(`src/${rel.split(sep).join("/")}`)) return {};
        const report = (node, what) =>
          context.report({
            node,
            messageId: "sql",
            data: { msg: `${what}: SQL belongs in a queries file (queries.ts, *-queries.ts, repo/); call a query` },
          });
        return {
          ImportDeclaration(node) {
            const spec = node.source.value;
            if (typeof spec !== "string" || isTypeOnly(node)) return;
            if (spec === "drizzle-orm" || spec.startsWith("drizzle-orm/"))
              return report(node.source, `imports ${spec}`);
            if (!spec.startsWith(".")) return;
            const target = relative(SRC, resolve(dirname(context.filename), spec));
            if (/^db[\\/]schema/.test(target)) report(node.source, "imports the schema's tables");
          },
          CallExpression(node) {
            const callee = node.callee;
            if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return;
            const obj = callee.object;
            if (obj.type === "Identifier" && DB_NAMES.has(obj.name) && BUILDER_CALLS.has(callee.property.name))
              report(node, `${obj.name}.${callee.property.name}(...)`);
          },
          MemberExpression(node) {
            if (node.object.type === "Identifier" && DB_NAMES.has(node.object.name) && !node.computed)
              if (node.property.type === "Identifier" && node.property.name === "query")
                report(node, `${node.object.name}.query`);
          },
        };
      },
    },
  },
};
