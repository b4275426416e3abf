import { expect } from "chai";
import {
  createCalendarEvents,
  deleteCalendarEvents,
  getCalendarEvents,
  MoodleWarningsError,
  type CalendarEventsQuery,
  type NewCalendarEvent,
} from "../../src/index.js";
import { expectRecordedBody } from "../support/expect-recorded-body.js";
import { startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

describe("calendar wrappers", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());
  const params = (name: string) => fake.fixtures.get(name)?.params as Record<string, unknown>;

  it("createCalendarEvents returns a course event, a group event and a 3-event series", async () => {
    const events = params("core_calendar_create_calendar_events")["events"] as NewCalendarEvent[];
    const result = await createCalendarEvents(clientFor(fake), events);
    expect(result.events.map((e) => e.id)).to.deep.equal([6, 7, 8, 9, 10]);
    expect(result.events.filter((e) => e.repeatid === 8)).to.have.length(3);
    expect(result.events[1]).to.include({ eventtype: "group", groupid: 2 });
    expectRecordedBody(fake, "core_calendar_create_calendar_events");
  });

  it("getCalendarEvents accepts null groupid and modulename on course events", async () => {
    const query = params("core_calendar_get_calendar_events") as CalendarEventsQuery;
    const result = await getCalendarEvents(clientFor(fake), query);
    expect(result.events.map((e) => e.id)).to.deep.equal([6, 8, 9, 10]);
    expect(result.events[0]?.groupid).to.equal(null);
    expectRecordedBody(fake, "core_calendar_get_calendar_events");
  });

  it("getCalendarEvents by event ids returns the attendance plugin's session events", async () => {
    const query = params("core_calendar_get_calendar_events-by-eventids") as CalendarEventsQuery;
    const result = await getCalendarEvents(clientFor(fake), query);
    expect(result.events.map((e) => [e.id, e.modulename, e.instance])).to.deep.equal([
      [1, "attendance", 1],
      [5, "attendance", 2],
    ]);
    expectRecordedBody(fake, "core_calendar_get_calendar_events-by-eventids");
  });

  it("getCalendarEvents with groups, as the lecturer, includes the group event", async () => {
    const client = clientFor(fake, { token: fake.tokens["ilze.ozolina"] });
    const query = params("core_calendar_get_calendar_events-with-groups") as CalendarEventsQuery;
    const result = await getCalendarEvents(client, query);
    expect(result.events.find((e) => e.id === 7)?.eventtype).to.equal("group");
  });

  it("getCalendarEvents in strict mode throws the warnings of a partial answer", async () => {
    fake.setResponse("core_calendar_get_calendar_events", {
      events: [],
      warnings: [{ item: "event", itemid: 1, warningcode: "nopermissions", message: "No access" }],
    });
    const error = await getCalendarEvents(clientFor(fake), { events: { eventids: [1] } }, { strict: true }).catch(
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(MoodleWarningsError);
    expect((error as MoodleWarningsError).warnings).to.have.length(1);
  });

  it("deleteCalendarEvents treats Moodle's null answer as success", async () => {
    const events = params("core_calendar_delete_calendar_events")["events"] as { eventid: number; repeat: number }[];
    const result = await deleteCalendarEvents(clientFor(fake), events);
    expect(result).to.equal(undefined);
    expectRecordedBody(fake, "core_calendar_delete_calendar_events");
  });
});
