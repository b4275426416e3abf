import { DateTime } from "luxon";
import type { T } from "../../i18n/i18n.js";
import type { Locale } from "../../lti/actor.js";
import type { MarkRow, MemberRow } from "./queries.js";
import { whoMarked } from "./present-history.js";
import { presentSession } from "../sessions/present.js";
import { statusLabel } from "../statuses/present.js";
import type { SessionWithGroups } from "../sessions/queries.js";
import type { StatusRow } from "../statuses/queries.js";

export interface RegisterInput {
  session: SessionWithGroups;
  statuses: StatusRow[];
  students: MemberRow[];
  marks: Map<string, MarkRow>;
  names: Map<string, string>;
  zone: string;
  locale: Locale;
  now: Date;
}

/** A session's register: the statuses to choose from and a row per expected student (unmarked and departed ones flagged). */
export function presentRegister(r: RegisterInput, t: T) {
  const byId = new Map(r.statuses.map((s) => [s.id, s]));
  const rows = r.students.map((m) => {
    const mark = r.marks.get(m.userId);
    const status = mark ? byId.get(mark.statusId) : undefined;
    return {
      userId: m.userId,
      name: m.name || m.userId,
      isEnrolled: m.isEnrolled,
      statusId: mark?.statusId ?? null,
      statusAcronym: status?.acronym ?? "",
      remark: mark?.remark ?? "",
      isUnmarked: !mark,
      isSelf: mark?.by === "self",
      markedBy: mark ? whoMarked(mark.by, mark.markedBy, r.names, t) : "",
      markedAt: mark ? DateTime.fromJSDate(mark.markedAt, { zone: r.zone }).toFormat("dd.MM.yyyy HH:mm") : "",
    };
  });
  // a hidden status is offered only to the rows that already have it
  const choices = (statusId: number | null) =>
    r.statuses
      .filter((s) => !s.isHidden || s.id === statusId)
      .map((s) => ({ id: s.id, acronym: s.acronym, label: statusLabel(s, t) }));
  return {
    session: presentSession(r.session, r.zone, r.locale, r.now),
    visibleStatuses: choices(null),
    unmarkedDefault: choices(null).find((s) => r.statuses.find((x) => x.id === s.id)?.isUnmarkedDefault) ?? null,
    rows: rows.map((row) => ({ ...row, choices: choices(row.statusId) })),
    unmarkedCount: rows.filter((row) => row.isUnmarked).length,
    markedCount: rows.filter((row) => !row.isUnmarked).length,
  };
}
