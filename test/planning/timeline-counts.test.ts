import { expect } from "chai";
import { countAttendees, finalCount } from "../../src/planning/timeline/count-attendees.js";
import { createZoomClient, meetingPathSegment } from "../../src/planning/zoom/zoom-client.js";
import { startFakeZoom, type FakeZoom } from "../support/fake-zoom.js";

const row = (name: string, email = "", duration = 600) => ({ id: "", name, user_email: email, duration });

describe("attendee counts from Zoom's participants report", () => {
  it("counts a person with three join rows once and matches students by email, then by name (pure)", () => {
    const students = [
      { userId: "11", name: "Anna Bērziņa", email: "anna@students.lv" },
      { userId: "12", name: "Pēteris Kalniņš", email: "peteris@students.lv" },
      { userId: "13", name: "Emily Clark", email: null },
    ];
    const rows = [
      row("Anna B.", "Anna@Students.lv"),
      row("Anna B.", "anna@students.lv"),
      row("Anna B.", "anna@students.lv"),
      row("emily  clark"),
      row("Ilze Ozoliņa", "ilze@kolegija.lv"),
      row("Ābols Viesis"),
      row("Zane Viesis"),
    ];
    expect(countAttendees(rows, students)).to.deep.equal({
      participants: 5,
      students: 2,
      unmatched: ["Ābols Viesis", "Ilze Ozoliņa", "Zane Viesis"],
    });
  });

  it("lets a lecturer's count stand where Zoom has none, and over Zoom's only when given after it (pure)", () => {
    const t1 = new Date("2026-10-17T14:00:00Z");
    const t2 = new Date("2026-10-17T15:00:00Z");
    expect(finalCount(null, null)).to.equal(null);
    expect(finalCount(null, { attendees: 18, at: t1 })).to.deep.equal({ count: 18, source: "lecturer" });
    expect(finalCount({ students: 21, at: t2 }, { attendees: 18, at: t1 })).to.deep.equal({
      count: 21,
      source: "zoom",
    });
    expect(finalCount({ students: 21, at: t1 }, { attendees: 23, at: t2 })).to.deep.equal({
      count: 23,
      source: "lecturer",
    });
  });

  it("encodes a UUID that starts with / or holds // twice, anything else once (pure)", () => {
    expect(meetingPathSegment("85746065431")).to.equal("85746065431");
    expect(meetingPathSegment("4444AAAiAAAAAiAiAiiAii==")).to.equal("4444AAAiAAAAAiAiAiiAii%3D%3D");
    expect(meetingPathSegment("/ajXp112QmuoKj4854875==")).to.equal("%252FajXp112QmuoKj4854875%253D%253D");
    expect(meetingPathSegment("ab//cd==")).to.equal("ab%252F%252Fcd%253D%253D");
  });

  describe("against the fake Zoom", () => {
    let zoom: FakeZoom;
    before(async () => (zoom = await startFakeZoom()));
    after(() => zoom.close());
    const client = () =>
      createZoomClient({
        ...zoom.credentials,
        apiUrl: zoom.apiUrl,
        oauthUrl: zoom.oauthUrl,
        sleep: async () => undefined,
      });

    it("reads every page of a long report (650 rows in pages of 300)", async () => {
      zoom.setParticipants(
        "85746065431",
        Array.from({ length: 650 }, (_, i) => row(`Person ${i}`, `p${i}@x.lv`)),
      );
      const rows = await client().listParticipants("85746065431");
      expect(rows).to.have.length(650);
      expect(zoom.calls.filter((c) => c.startsWith("GET /report/meetings/85746065431"))).to.have.length(3);
    });

    it("reaches a meeting instance whose UUID holds // (the double-encoding rule)", async () => {
      zoom.setParticipants("/ab//cd==", [row("Anna", "anna@students.lv")]);
      expect(await client().listParticipants("/ab//cd==")).to.have.length(1);
    });
  });
});
