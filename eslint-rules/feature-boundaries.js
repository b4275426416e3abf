/**
 * Keeps the shape of src/ as built: a feature folder is entered only through its front door (index.ts), and a
 * feature imports only the features the table below lets it, which are all lower than itself, so no loop can form.
 * Shared infrastructure (db, lti, http, i18n, spreadsheets, ops) imports no feature at all.
 * The composition root (src/*.ts: app, main, wiring, ...) may use any front door.
 */
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Which features each feature may import (through their index.ts). Lower features never import higher ones. */
export const FEATURE_LAYERS = {
  roster: [],
  staff: [],
  activities: ["roster"],
  groups: ["activities"],
  attendance: ["activities", "groups"],
  checkin: ["activities", "attendance"],
  bridge: ["activities", "attendance", "groups"],
  notify: ["activities", "bridge", "staff"],
  planning: ["activities", "bridge", "notify", "staff"],
  followup: ["activities", "attendance", "groups", "bridge", "notify", "staff"],
  excuses: ["activities", "attendance", "notify"],
  registration: [],
  privacy: [],
  demo: ["staff"],
  launch: ["activities", "bridge", "checkin", "planning", "registration", "roster"],
  jobs: ["activities", "attendance", "bridge", "checkin", "planning", "notify", "followup", "roster"],
  cli: ["activities", "attendance", "bridge", "planning", "notify", "privacy", "registration", "roster", "staff"],
};
export const INFRASTRUCTURE = ["db", "lti", "http", "i18n", "spreadsheets", "ops", "cli-support"];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
const folderOf = (file) => {
  const rel = relative(SRC, file);
  if (rel.startsWith("..")) return null;
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0] : "";
};

export default {
  rules: {
    "feature-boundaries": {
      meta: { type: "problem", schema: [], messages: { door: "{{msg}}" } },
      create(context) {
        const file = context.filename;
        const own = folderOf(file);
        if (own === null) return {};
        const check = (node) => {
          const spec = node.source?.value;
          if (typeof spec !== "string" || !spec.startsWith(".")) return;
          const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
          const other = folderOf(target);
          if (other === null || other === "" || other === own) return;
          const report = (msg) => context.report({ node: node.source, messageId: "door", data: { msg } });
          const isInfra = INFRASTRUCTURE.includes(other);
          if (isInfra) {
            return;
          }
          if (INFRASTRUCTURE.includes(own))
            return report(`${own}/ is infrastructure and may not import the feature ${other}/`);
          if (target !== resolve(SRC, other, "index.ts"))
            return report(
              `import ${other}/ through its front door (src/${other}/index.ts), not ${relative(SRC, target)}`,
            );
          if (own === "") return; // the composition root wires every feature
          const allowed = FEATURE_LAYERS[own];
          if (!allowed) return report(`${own}/ is not in FEATURE_LAYERS (eslint-rules/feature-boundaries.js): add it`);
          if (!allowed.includes(other))
            return report(`${own}/ may not import ${other}/ (FEATURE_LAYERS in eslint-rules/feature-boundaries.js)`);
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};
