/** Why a spreadsheet was refused for its size or cost, by the message (limits.json) its uploader sees. */
export type LimitKey = "limits.xlsx_too_large" | "limits.xlsx_too_slow" | "limits.csv_too_large";

/** An upload refused before or while reading it because it would cost the server too much; nothing was saved. */
export class SpreadsheetLimitError extends Error {
  constructor(readonly messageKey: LimitKey) {
    super(messageKey);
  }
}

/** Rows an import reads by default before it stops (the readers return one more, so the caller can tell). */
export const DEFAULT_MAX_ROWS = 20_000;
