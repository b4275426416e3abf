import type { T } from "../i18n/i18n.js";
import type { ImportResult } from "./import-moodle-attendance.js";

/**
 * An import result as the page shows it: the counts, and the marks kept because they were changed in Rollbook
 * (results stored before those existed read as none).
 */
export function presentImportResult(
  r: Omit<ImportResult, "kept" | "unchanged"> & Partial<Pick<ImportResult, "kept" | "unchanged">>,
  t: T,
) {
  const kept = r.kept ?? [];
  const names = [...new Set(kept.map((k) => k.name))].join(", ");
  return {
    summary: t("bridge.import.done", {
      created: r.created,
      updated: r.updated,
      marks: r.marks,
      unchanged: r.unchanged ?? 0,
    }),
    kept: kept.length ? t("bridge.import.kept_done", { n: kept.length, names }) : "",
  };
}
