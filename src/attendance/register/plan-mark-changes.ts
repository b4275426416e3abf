/** The longest remark kept; a longer one is refused with a message, never cut. */
export const MAX_REMARK_LENGTH = 500;

/** A mark as the register form sends it: the status chosen now and what the page showed when it loaded. */
export interface MarkWish {
  userId: string;
  statusId: number | null;
  remark: string;
  /** The status and remark the page was loaded with; a row the user did not touch changes nothing. */
  shownStatusId: number | null;
  shownRemark: string;
}

export interface CurrentMark {
  statusId: number;
  remark: string;
}

export interface MarkChange {
  userId: string;
  statusId: number;
  remark: string;
  from: CurrentMark | null;
}

/**
 * Which marks to write (pure). Only rows the user changed on the page count, so a lecturer saving a page
 * loaded before a colleague's save does not undo the colleague's marks; a row already equal to the wish is
 * skipped, so saving twice changes nothing. A remark without a status is kept only for a marked student.
 */
export function planMarkChanges(wishes: MarkWish[], current: Map<string, CurrentMark>): MarkChange[] {
  const out: MarkChange[] = [];
  for (const w of wishes) {
    const statusTouched = w.statusId !== w.shownStatusId;
    const remarkTouched = w.remark !== w.shownRemark;
    if (!statusTouched && !remarkTouched) continue;
    const from = current.get(w.userId) ?? null;
    const statusId = statusTouched ? w.statusId : (from?.statusId ?? w.statusId);
    if (statusId === null) continue;
    const remark = remarkTouched ? w.remark : (from?.remark ?? w.remark);
    if (from && from.statusId === statusId && from.remark === remark) continue;
    out.push({ userId: w.userId, statusId, remark, from });
  }
  return out;
}

/**
 * The rows a stale page would overwrite (pure): the user changed the row, but the mark is no longer what their
 * page showed (a colleague saved it meanwhile) and not already what they want. Refused, so nobody's newer mark
 * is lost silently.
 */
export function findMarkConflicts(wishes: MarkWish[], current: Map<string, CurrentMark>): Set<string> {
  const out = new Set<string>();
  for (const w of wishes) {
    const now = current.get(w.userId);
    const statusTouched = w.statusId !== w.shownStatusId;
    const remarkTouched = w.remark !== w.shownRemark;
    const statusMoved = (now?.statusId ?? null) !== w.shownStatusId && (now?.statusId ?? null) !== w.statusId;
    const remarkMoved = (now?.remark ?? "") !== w.shownRemark && (now?.remark ?? "") !== w.remark;
    if ((statusTouched || remarkTouched) && (statusMoved || remarkMoved)) out.add(w.userId);
  }
  return out;
}

/** Reads the register form: s_<user> status, o_<user> status shown, r_<user> remark, or_<user> remark shown. */
export function wishesFromForm(body: Record<string, unknown>): MarkWish[] {
  const str = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) ? String(v[0] ?? "") : "");
  const num = (v: unknown) => (/^\d+$/.test(str(v)) ? Number(str(v)) : null);
  const users = new Set(
    Object.keys(body)
      .filter((k) => /^[sor]_/.test(k))
      .map((k) => k.slice(2)),
  );
  return [...users].map((userId) => ({
    userId,
    statusId: num(body[`s_${userId}`]),
    shownStatusId: num(body[`o_${userId}`]),
    remark: str(body[`r_${userId}`]).trim(),
    shownRemark: str(body[`or_${userId}`]).trim(),
  }));
}
