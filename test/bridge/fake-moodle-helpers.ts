import type { FakeMoodle, FakeMoodleCall } from "../../moodle-ws-client/test/support/fake-moodle.js";
import type { Actor } from "../../src/lti/actor.js";

/**
 * Takes functions out of the fake's external service the way Moodle does: calling them gives `accessexception`,
 * and site info no longer lists them (the fake answers site info from its recording, so that is set here).
 */
export function removeFromService(fake: FakeMoodle, ...names: string[]): void {
  for (const name of names) fake.serviceFunctions.delete(name);
  const info = fake.fixture("core_webservice_get_site_info") as { functions: { name: string }[] };
  fake.setResponse("core_webservice_get_site_info", {
    ...info,
    functions: info.functions.filter((f) => fake.serviceFunctions.has(f.name)),
  });
}

/** Moodle's nopermissions answer (shape of the recorded errors-*-nopermissions.json) for another permission name. */
export function noPermission(permission: string) {
  return {
    exception: "required_capability_exception",
    errorcode: "nopermissions",
    message: `Sorry, but you do not currently have permissions to do that (${permission}).`,
  };
}

/**
 * Answers core_message_send_instant_messages with one entry per message, shaped like the recordings: a msgid for
 * each sent one, and `msgid: -1` with Moodle's errormessage (errors-core_message_send_instant_messages-baduser.json)
 * for the user ids in `refuse`.
 */
export function answerMessages(fake: FakeMoodle, refuse: ReadonlySet<number> = new Set()): void {
  let next = 100;
  fake.setResponse("core_message_send_instant_messages", (call: FakeMoodleCall) => {
    const messages = (call.params.messages ?? []) as { touserid: string; text: string; clientmsgid?: string }[];
    return messages.map((m) =>
      refuse.has(Number(m.touserid))
        ? {
            msgid: -1,
            errormessage: `You cannot send a message to a user ID (${m.touserid}) that doesn't exist.`,
            candeletemessagesforallusers: false,
          }
        : {
            msgid: next++,
            clientmsgid: m.clientmsgid,
            text: m.text,
            timecreated: 1795461272,
            conversationid: next,
            useridfrom: 2,
            candeletemessagesforallusers: true,
          },
    );
  });
}

/** The calls the fake received for one function. */
export function callsOf(fake: FakeMoodle, wsfunction: string): FakeMoodleCall[] {
  return fake.calls.filter((c) => c.wsfunction === wsfunction);
}

type Json = Record<string, unknown>;

/**
 * A calendar that remembers: created events get new ids (shaped like the recorded create answer), deleting an
 * unknown id gives the recorded not-found error (errors-core_calendar_delete_calendar_events-notfound.json).
 */
export function statefulCalendar(fake: FakeMoodle) {
  const state = { nextId: 100, events: new Map<number, Json>() };
  const template = (fake.fixture("core_calendar_create_calendar_events") as { events: Json[] }).events[0]!;
  const notFound = fake.fixture("errors-core_calendar_delete_calendar_events-notfound");
  fake.setResponse("core_calendar_create_calendar_events", (call: FakeMoodleCall) => {
    const created = (call.params.events as Json[]).map((e) => ({
      ...template,
      ...e,
      id: state.nextId++,
      groupid: Number(e.groupid ?? 0),
      courseid: Number(e.courseid),
      timestart: Number(e.timestart),
      timeduration: Number(e.timeduration ?? 0),
    }));
    for (const e of created) state.events.set(e.id, e);
    return { events: created, warnings: [] };
  });
  // Course events come back with groupid null from get (as recorded), group events only with userevents.
  fake.setResponse("core_calendar_get_calendar_events", (call: FakeMoodleCall) => {
    const o = (call.params.options ?? {}) as Json;
    const from = Number(o.timestart ?? 0);
    const to = Number(o.timeend ?? Infinity);
    const found = [...state.events.values()].filter(
      (e) => Number(e.timestart) >= from && Number(e.timestart) <= to && (e.groupid === 0 || o.userevents === "1"),
    );
    return { events: found.map((e) => ({ ...e, groupid: e.groupid === 0 ? null : e.groupid })), warnings: [] };
  });
  fake.setResponse("core_calendar_delete_calendar_events", (call: FakeMoodleCall) => {
    const ids = (call.params.events as Json[]).map((e) => Number(e.eventid));
    if (ids.some((id) => !state.events.has(id))) return notFound;
    for (const id of ids) state.events.delete(id);
    return null;
  });
  return state;
}

/**
 * mod_attendance_get_sessions as it reads after session 1 was taken: the recorded list with session 1 replaced by
 * the recorded mod_attendance_get_session answer (marks with string ids, lasttaken set). `edit` may change it.
 */
export function takenAttendance(fake: FakeMoodle, edit: (sessions: Json[]) => Json[] = (s) => s) {
  const taken = fake.fixture("mod_attendance_get_session") as Json;
  const list = (fake.fixture("mod_attendance_get_sessions") as Json[]).map((s) => (s.id === 1 ? taken : s));
  fake.setResponse("mod_attendance_get_sessions", () => edit(structuredClone(list)));
}

/**
 * mod_attendance that remembers (attendance 1 of BK101, separate groups): add_session makes a session with the
 * recorded statuses, answers groupid 0 with the recorded invalidparameter error; remove_session of an unknown id
 * gives the recorded not-found error; update_user_status logs the mark (ids as strings, as get_session shows them)
 * and answers null; get_sessions lists the state.
 */
export function statefulAttendance(fake: FakeMoodle) {
  const recorded = fake.fixture("mod_attendance_get_sessions") as Json[];
  const state = { nextId: 50, sessions: new Map<number, Json>(recorded.map((s) => [Number(s.id), s])) };
  const template = recorded[0]!;
  fake.setResponse("mod_attendance_add_session", (call: FakeMoodleCall) => {
    const p = call.params as Record<string, string>;
    if (!p.groupid || p.groupid === "0") return fake.fixture("errors-mod_attendance_add_session-invalidparameter");
    const id = state.nextId++;
    state.sessions.set(id, {
      ...template,
      id,
      groupid: Number(p.groupid),
      sessdate: Number(p.sessiontime),
      duration: Number(p.duration),
      description: p.description,
      lasttaken: null,
      attendance_log: [],
    });
    return { sessionid: id };
  });
  fake.setResponse("mod_attendance_remove_session", (call: FakeMoodleCall) => {
    const id = Number(call.params.sessionid);
    if (!state.sessions.delete(id)) return fake.fixture("errors-mod_attendance_remove_session-notfound");
    return fake.fixture("mod_attendance_remove_session");
  });
  fake.setResponse("mod_attendance_update_user_status", (call: FakeMoodleCall) => {
    const p = call.params as Record<string, string>;
    const s = state.sessions.get(Number(p.sessionid))!;
    const log = (s.attendance_log as Json[]).filter((l) => l.studentid !== Number(p.studentid));
    s.attendance_log = [
      ...log,
      { studentid: Number(p.studentid), statusid: String(p.statusid), remarks: null, id: String(log.length + 1) },
    ];
    s.lasttaken = 1795461190;
    return null;
  });
  fake.setResponse("mod_attendance_get_sessions", () => [...state.sessions.values()].map((s) => structuredClone(s)));
  return state;
}

/** The lecturer of the recorded Moodle course (user 3, Ilze Ozoliņa) as a verified launch would give her. */
export function moodleLecturer(courseId: number, activityId: number, over: Partial<Actor> = {}): Actor {
  return {
    platformId: "p1",
    issuer: "https://moodle.example.lv",
    clientId: "c",
    deploymentId: "2",
    courseId,
    contextId: "2",
    courseTitle: "BK101",
    courseLabel: "BK101",
    activityId,
    resourceLinkId: "1",
    userId: "3",
    moodleUserId: "3",
    name: "Ilze Ozoliņa",
    email: null,
    roles: [],
    isLecturer: true,
    isStudent: false,
    isAdmin: false,
    locale: "en",
    returnUrl: null,
    ...over,
  };
}
