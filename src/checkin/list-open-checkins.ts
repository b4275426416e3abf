import { DateTime } from "luxon";
import type { Db } from "../db/client.js";
import { listCheckinCandidates, listStudentCheckinFacts } from "./open-checkin-queries.js";
import { checkinWindowState } from "./rules/checkin-window.js";

export interface OpenCheckin {
  sessionId: number;
  label: string;
  /** The student checked in themselves. */
  isDone: boolean;
  /** The lecturer (or the close, or an import) already marked this student: not a check-in, and not changeable here. */
  isMarkedByLecturer: boolean;
}

/** The sessions a student can check in to right now (for the "Check in" button on their own page). */
export async function listOpenCheckins(
  db: Db,
  activityId: number,
  userId: string,
  zone: string,
  now: Date,
): Promise<OpenCheckin[]> {
  const day = 24 * 3600_000;
  const rows = await listCheckinCandidates(
    db,
    activityId,
    new Date(now.getTime() - day),
    new Date(now.getTime() + day),
  );
  const open = rows.filter(
    ({ session: s, settings: c }) =>
      checkinWindowState({ ...c, startsAt: s.startsAt, endsAt: s.endsAt }, now) === "open",
  );
  if (open.length === 0) return [];
  const ids = open.map((o) => o.session.id);
  const { groups, mine, marks } = await listStudentCheckinFacts(db, ids, userId);
  const myGroups = new Set(mine.map((m) => m.groupId));
  const done = new Set(marks.filter((m) => m.by === "self").map((m) => m.sessionId));
  const byLecturer = new Set(marks.filter((m) => m.by !== "self").map((m) => m.sessionId));
  return open
    .filter(({ session }) => {
      const gs = groups.filter((g) => g.sessionId === session.id);
      return gs.length === 0 || gs.some((g) => myGroups.has(g.groupId));
    })
    .map(({ session }) => ({
      sessionId: session.id,
      label: `${DateTime.fromJSDate(session.startsAt, { zone }).toFormat("dd.MM HH:mm")} ${session.description}`.trim(),
      isDone: done.has(session.id),
      isMarkedByLecturer: byLecturer.has(session.id),
    }));
}
