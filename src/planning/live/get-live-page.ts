import { DateTime } from "luxon";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lti/actor.js";
import { getPlanningSettings, listDayClasses } from "../queries.js";
import { listLecturerReplies } from "../timeline/queries.js";
import { readableDayTitle } from "../timeline/readable-day.js";
import { byUrgency, liveClassState, type MeetingHeard } from "./live-state.js";
import { listMeetingEvents } from "./poll-queries.js";

/** What Zoom told us about the day's meetings (events from 2 h before the day's first class on). */
async function heardOf(db: Db, meetingIds: string[], since: Date): Promise<Map<string, MeetingHeard>> {
  const out = new Map<string, MeetingHeard>();
  const rows = await listMeetingEvents(db, meetingIds);
  for (const r of rows.filter((x) => x.occurredAt >= since)) {
    const h = out.get(r.meetingId) ?? {};
    if (r.event === "meeting.started" && (!h.startedAt || r.occurredAt < h.startedAt)) h.startedAt = r.occurredAt;
    if (r.event === "meeting.ended") h.endedAt = r.occurredAt;
    out.set(r.meetingId, h);
  }
  return out;
}

/** The live page of a study day: every class with its state, late ones first, with the lecturer's contact. */
export async function getLivePage(db: Db, actor: Actor, date: string, now: Date) {
  const { timezone } = await getPlanningSettings(db, actor.platformId);
  const classes = (await listDayClasses(db, actor.platformId, date)).filter((c) => c.isOnline);
  const first = classes.length ? Math.min(...classes.map((c) => c.startsAt.getTime())) : now.getTime();
  const heard = await heardOf(
    db,
    classes.map((c) => c.meetingId).filter((m): m is string => Boolean(m)),
    new Date(first - 2 * 3_600_000),
  );
  const replies = await listLecturerReplies(db, actor.platformId, date);
  const time = (d: Date) => DateTime.fromJSDate(d, { zone: timezone }).toFormat("HH:mm");
  const rows = classes.map((c) => {
    const reply = replies.get(c.lecturerEmail.trim().toLowerCase());
    const liveState = liveClassState(
      {
        state: c.state,
        startsAt: c.startsAt,
        endsAt: c.endsAt,
        hasZoomMeeting: Boolean(c.meetingId) && c.linkMode === "zoom",
      },
      (c.meetingId && heard.get(c.meetingId)) || {},
      reply?.answer === "confirmed",
      now,
    );
    return {
      id: c.id,
      startsAt: c.startsAt,
      time: `${time(c.startsAt)}–${time(c.endsAt)}`,
      course: [c.courseRef, c.courseTitle].filter(Boolean).join(" "),
      groups: c.groups,
      lecturerName: c.lecturerName,
      lecturerEmail: c.lecturerEmail,
      liveState,
      help: reply?.answer === "help" ? reply.note || "—" : null,
    };
  });
  return { classDate: date, dayTitle: readableDayTitle(date, timezone, actor.locale), rows: byUrgency(rows) };
}
