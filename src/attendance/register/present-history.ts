import { DateTime } from "luxon";
import type { T } from "../../i18n/i18n.js";
import type { HistoryRow, MarkRow } from "./queries.js";
import { statusLabel } from "../statuses/present.js";
import type { StatusRow } from "../statuses/queries.js";

export interface HistoryInput {
  history: HistoryRow[];
  mark: MarkRow | undefined;
  statuses: StatusRow[];
  names: Map<string, string>;
  zone: string;
}

/** Who made a mark or change, as the register and the history show it: a name, "closed automatically", or "imported from Moodle (name)". */
export function whoMarked(by: string, userId: string, names: ReadonlyMap<string, string>, t: T): string {
  const name = names.get(userId) ?? userId;
  if (by === "auto") return t("attendance.register.auto_closed");
  return by === "import" ? t("attendance.register.imported", { name }) : name;
}

/** One mark's story for the history page: each change with who (or "self check-in" / "closed automatically" / "imported from Moodle"), when, from and to. */
export function presentHistory(h: HistoryInput, t: T) {
  const byId = new Map(h.statuses.map((s) => [s.id, s]));
  const status = (id: number | null) => {
    const s = id === null ? undefined : byId.get(id);
    return s ? { acronym: s.acronym, label: statusLabel(s, t) } : null;
  };
  const who = (by: string, userId: string) => whoMarked(by, userId, h.names, t);
  const at = (d: Date) => DateTime.fromJSDate(d, { zone: h.zone }).toFormat("dd.MM.yyyy HH:mm:ss");
  return {
    current: h.mark
      ? {
          status: status(h.mark.statusId),
          remark: h.mark.remark,
          who: who(h.mark.by, h.mark.markedBy),
          at: at(h.mark.markedAt),
          isSelf: h.mark.by === "self",
        }
      : null,
    changes: [...h.history].reverse().map((c) => ({
      at: at(c.changedAt),
      who: who(c.by, c.changedBy),
      isSelf: c.by === "self",
      isAuto: c.by === "auto",
      from: status(c.fromStatusId),
      to: status(c.toStatusId),
      fromRemark: c.fromRemark ?? "",
      toRemark: c.toRemark ?? "",
    })),
  };
}
