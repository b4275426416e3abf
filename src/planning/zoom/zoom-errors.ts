/** Why a Zoom call failed, in words the plan can show: each maps to planning.zoom.errors.<kind>. */
export type ZoomErrorKind = "rate_limited" | "daily_cap" | "unavailable" | "refused" | "not_found" | "auth";

/** A Zoom failure with Zoom's own code (e.g. 3001 meeting not found, 124 invalid token) when it gave one. */
export class ZoomError extends Error {
  constructor(
    readonly kind: ZoomErrorKind,
    readonly status: number | null,
    readonly zoomCode: number | null = null,
  ) {
    super(`zoom ${kind} (${status ?? "no answer"}${zoomCode ? `, code ${zoomCode}` : ""})`);
  }
}
