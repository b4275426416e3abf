import type { FakeMoodle, FakeMoodleCall } from "../../moodle-ws-client/test/support/fake-moodle.js";

type Json = Record<string, unknown>;

/** Teaches the fake Moodle a small world for publishing: courses BK101 (id 2) and INFO (id 5), new ids for created events and discussions. */
export function publishingWorld(fake: FakeMoodle) {
  const state = {
    nextEvent: 100,
    nextDiscussion: 10,
    deletedEvents: [] as number[],
    deletedPosts: [] as number[],
    discussions: [] as number[],
  };
  const course = fake.fixture("core_course_get_courses_by_field") as { courses: Json[] };
  fake.setResponse("core_course_get_courses_by_field", (call: FakeMoodleCall) => {
    const value = String(call.params.value);
    if (value === "BK101" || (call.params.field === "id" && value === "2")) return course;
    if (value === "INFO")
      return { courses: [{ ...course.courses[0], id: 5, shortname: "INFO", fullname: "Informācija" }], warnings: [] };
    return { courses: [], warnings: [] };
  });
  const template = (fake.fixture("core_calendar_create_calendar_events") as { events: Json[] }).events[0]!;
  fake.setResponse("core_calendar_create_calendar_events", (call: FakeMoodleCall) => {
    const events = call.params.events as Json[];
    return {
      events: events.map((e) => ({ ...template, ...e, id: state.nextEvent++, groupid: e.groupid ?? 0 })),
      warnings: [],
    };
  });
  fake.setResponse("core_calendar_delete_calendar_events", (call: FakeMoodleCall) => {
    for (const e of call.params.events as Json[]) state.deletedEvents.push(Number(e.eventid));
    return null;
  });
  fake.setResponse("mod_forum_add_discussion", () => {
    state.discussions.push(state.nextDiscussion);
    return { discussionid: state.nextDiscussion++, warnings: [] };
  });
  const listed = fake.fixture("mod_forum_get_forum_discussions") as { discussions: Json[] };
  fake.setResponse("mod_forum_get_forum_discussions", () => ({
    ...listed,
    discussions: state.discussions.map((d) => ({ ...listed.discussions[0], discussion: d, id: d + 1000 })),
  }));
  fake.setResponse("mod_forum_delete_post", (call: FakeMoodleCall) => {
    state.deletedPosts.push(Number(call.params.postid));
    state.discussions = state.discussions.filter((d) => d + 1000 !== Number(call.params.postid));
    return { status: true, warnings: [] };
  });
  return state;
}

/** The calls the fake got for a function. */
export const callsOf = (fake: FakeMoodle, wsfunction: string) => fake.calls.filter((c) => c.wsfunction === wsfunction);
