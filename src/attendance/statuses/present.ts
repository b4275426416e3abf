import type { T } from "../../i18n/i18n.js";
import type { StatusRow, StatusSetWithStatuses } from "./queries.js";

/** A status's label: the lecturer's description, else the default's name in the reader's language. */
export function statusLabel(status: Pick<StatusRow, "description" | "defaultKey" | "acronym">, t: T): string {
  if (status.description) return status.description;
  if (status.defaultKey) return t(`attendance.status.${status.defaultKey}`);
  return status.acronym;
}

/** The status sets page: every set with its statuses, and whether each can be deleted (and why not). */
export function presentStatusSets(sets: StatusSetWithStatuses[], t: T) {
  return sets.map((set, i) => ({
    id: set.id,
    name: set.name || t("attendance.statuses.default_set_name", { n: i + 1 }),
    statuses: set.statuses.map((s, j) => ({
      id: s.id,
      acronym: s.acronym,
      label: statusLabel(s, t),
      description: s.description ?? "",
      points: s.points,
      isHidden: s.isHidden,
      checkinUntilMinutes: s.checkinUntilMinutes ?? "",
      isUnmarkedDefault: s.isUnmarkedDefault,
      markCount: s.markCount,
      canDelete: s.markCount === 0 && set.statuses.length > 1,
      isFirst: j === 0,
      isLast: j === set.statuses.length - 1,
    })),
  }));
}
