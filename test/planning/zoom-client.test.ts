import { expect } from "chai";
import { isValidPasscode, meetingBodyOf, newPasscode } from "../../src/planning/zoom/meeting-body.js";
import { createZoomClient } from "../../src/planning/zoom/zoom-client.js";
import { ZoomError } from "../../src/planning/zoom/zoom-errors.js";
import { signWebhook, startFakeZoom, urlValidationAnswer, type FakeZoom } from "../support/fake-zoom.js";

describe("the Zoom client against the fake Zoom", () => {
  let zoom: FakeZoom;
  let clock: Date;
  let slept: number[];
  beforeEach(async () => {
    zoom = await startFakeZoom();
    clock = new Date("2026-10-10T08:00:00Z");
    slept = [];
  });
  afterEach(() => zoom.close());
  const client = (over: Record<string, unknown> = {}) =>
    createZoomClient({
      ...zoom.credentials,
      apiUrl: zoom.apiUrl,
      oauthUrl: zoom.oauthUrl,
      now: () => clock,
      sleep: async (ms) => void slept.push(ms),
      ...over,
    });
  const body = meetingBodyOf(
    {
      courseRef: "BK101",
      courseTitle: "Biznesa komunikācija",
      groups: "BK-1",
      startsAt: new Date("2026-10-17T06:00:00Z"),
      endsAt: new Date("2026-10-17T09:00:00Z"),
    },
    "Europe/Riga",
    "Ab3xY7kq",
  );

  it("creates a meeting with local start time in Europe/Riga, duration, passcode and waiting room; keeps the id as text and no start_url", async () => {
    const m = await client().createMeeting("host1@example.lv", body);
    expect(m.id)
      .to.be.a("string")
      .and.match(/^\d{11}$/);
    expect(m).to.have.keys(["id", "join_url", "password"]);
    const stored = zoom.meetings.get(m.id)!;
    expect(stored).to.include({
      start_time: "2026-10-17T09:00:00",
      timezone: "Europe/Riga",
      duration: 180,
      password: "Ab3xY7kq",
      host_email: "host1@example.lv",
    });
    expect(stored.settings).to.include({ waiting_room: true });
  });

  it("caches the token until a minute before it expires, then asks again", async () => {
    const c = client();
    await c.createMeeting("h@example.lv", body);
    await c.createMeeting("h@example.lv", body);
    expect(zoom.tokensIssued).to.equal(1);
    clock = new Date(clock.getTime() + 3539_000);
    await c.createMeeting("h@example.lv", body);
    expect(zoom.tokensIssued).to.equal(1);
    clock = new Date(clock.getTime() + 2_000); // 3541 s: inside the last minute
    await c.createMeeting("h@example.lv", body);
    expect(zoom.tokensIssued).to.equal(2);
  });

  it("asks for a new token once when Zoom says the token is invalid (124)", async () => {
    const c = client();
    await c.createMeeting("h@example.lv", body);
    zoom.revokeTokens();
    await c.createMeeting("h@example.lv", body);
    expect(zoom.tokensIssued).to.equal(2);
  });

  it("waits as long as Retry-After says on 429, then succeeds; gives up as rate_limited when Zoom keeps refusing", async () => {
    zoom.rateLimitNext(1, 2);
    await client().createMeeting("h@example.lv", body);
    expect(slept).to.deep.equal([2000]);
    zoom.rateLimitNext(5, 1);
    const e = await client()
      .createMeeting("h@example.lv", body)
      .catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ZoomError).and.include({ kind: "rate_limited", status: 429 });
  });

  it("updates and deletes meetings; a missing meeting is not_found (3001)", async () => {
    const c = client();
    const m = await c.createMeeting("h@example.lv", body);
    await c.updateMeeting(m.id, { duration: 90 });
    expect(zoom.meetings.get(m.id)?.duration).to.equal(90);
    await c.deleteMeeting(m.id);
    expect(zoom.meetings.has(m.id)).to.equal(false);
    const e = await c.deleteMeeting(m.id).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ZoomError).and.include({ kind: "not_found", zoomCode: 3001 });
  });

  it("reports bad credentials as auth and a refused create as refused with Zoom's code", async () => {
    const bad = await client({ clientSecret: "wrong" })
      .createMeeting("h@example.lv", body)
      .catch((x: unknown) => x);
    expect(bad).to.be.instanceOf(ZoomError).and.include({ kind: "auth", status: 401 });
    zoom.refuseHost("gone@example.lv", 404, 1001, "User does not exist");
    const refused = await client()
      .createMeeting("gone@example.lv", body)
      .catch((x: unknown) => x);
    expect(refused).to.be.instanceOf(ZoomError).and.include({ kind: "not_found", zoomCode: 1001 });
  });

  it("makes passcodes Zoom accepts", () => {
    for (let i = 0; i < 200; i++) expect(isValidPasscode(newPasscode())).to.equal(true);
    expect(newPasscode(20)).to.have.length(10);
    expect(isValidPasscode("too-long-passcode")).to.equal(false);
  });

  it("signs webhooks and answers URL validation as Zoom documents (HMAC-SHA256 hex)", () => {
    const fox = "The quick brown fox jumps over the lazy dog";
    expect(urlValidationAnswer("key", fox)).to.deep.equal({
      plainToken: fox,
      encryptedToken: "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
    });
    expect(signWebhook("key", "1700000000", '{"a":1}')).to.equal(
      `v0=${urlValidationAnswer("key", 'v0:1700000000:{"a":1}').encryptedToken}`,
    );
  });
});
