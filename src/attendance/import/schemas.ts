import { z } from "zod";
import type { ImportSource } from "./read-session-table.js";

/**
 * An import form, posted: the chosen file's bytes when there is one, else the text pasted into it (kept to show
 * again beside the problems). Never refused: an empty or odd table is the importer's to report, row by row.
 */
export const uploadSchema = z
  .object({ csv: z.unknown().optional(), file: z.unknown().optional() })
  .transform(({ csv, file }) => {
    const text = String(csv ?? "");
    const source: ImportSource = Buffer.isBuffer(file) && file.length > 0 ? { bytes: file } : { text };
    return { csv: text, source };
  });

/** The marks import page's query: how many marks the import before it saved. */
export const marksImportQuerySchema = z.object({
  imported: z
    .string()
    .optional()
    .catch(undefined)
    .transform((n) => (n === undefined ? null : Number(n))),
});
