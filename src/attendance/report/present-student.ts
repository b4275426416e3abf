import { DateTime } from "luxon";
import type { T } from "../../i18n/i18n.js";
import type { Locale } from "../../lti/actor.js";
import type { StatusSetWithStatuses } from "../statuses/queries.js";
import { statusLabel } from "../statuses/present.js";
import type { ReportInput, ReportRow } from "./build-report.js";

/** A student's own mark as their page needs it. */
export interface OwnMark {
  remark: string | null;
  by: string;
}

/** The student's own page: each session they were expected at, with its status, remark and whether self-marked. */
export function presentStudentSessions(
  input: ReportInput,
  row: ReportRow | undefined,
  own: Map<number, OwnMark>,
  sets: StatusSetWithStatuses[],
  view: { zone: string; locale: Locale; now: Date; t: T },
) {
  const labels = new Map(
    sets.flatMap((s) => s.statuses).map((s) => [s.id, { acronym: s.acronym, label: statusLabel(s, view.t) }]),
  );
  return (row?.cells ?? [])
    .map((c, i) => ({ c, s: input.sessions[i]! }))
    .filter(({ c }) => c.expected)
    .map(({ c, s }) => {
      const at = DateTime.fromJSDate(s.startsAt, { zone: view.zone }).setLocale(view.locale);
      const mark = own.get(s.id);
      return {
        date: at.toFormat("dd.MM.yyyy"),
        time: at.toFormat("HH:mm"),
        isFuture: s.startsAt > view.now,
        status: c.statusId ? labels.get(c.statusId) : null,
        remark: mark?.remark ?? "",
        isSelf: mark?.by === "self",
      };
    });
}
