import { expect } from "chai";
import { byUrgency, liveClassState } from "../../src/planning/live/live-state.js";
import { urlValidation, verifyZoomSignature } from "../../src/planning/live/zoom-webhook-signature.js";
import { signWebhook, urlValidationAnswer } from "../support/fake-zoom.js";

const start = new Date("2026-10-17T06:00:00Z");
const end = new Date("2026-10-17T09:00:00Z");
const at = (min: number) => new Date(start.getTime() + min * 60_000);
const zoomClass = { state: "planned", startsAt: start, endsAt: end, hasZoomMeeting: true };
const manualClass = { ...zoomClass, hasZoomMeeting: false };

describe("the study day live (pure)", () => {
  it("flags a Zoom class not started by start + 10 min as late, not a minute before", () => {
    expect(liveClassState(zoomClass, {}, false, at(-5))).to.equal("not_due");
    expect(liveClassState(zoomClass, {}, false, at(9))).to.equal("waiting");
    expect(liveClassState(zoomClass, {}, false, at(10))).to.equal("late");
    expect(liveClassState(zoomClass, { startedAt: at(3) }, false, at(10))).to.equal("started");
    expect(liveClassState(zoomClass, { startedAt: at(3), endedAt: at(170) }, false, at(175))).to.equal("ended");
    expect(liveClassState({ ...zoomClass, state: "cancelled" }, {}, false, at(30))).to.equal("cancelled");
  });

  it("takes a manual-link class's lecturer confirmation instead of Zoom's events", () => {
    expect(liveClassState(manualClass, {}, true, at(20))).to.equal("confirmed");
    expect(liveClassState(manualClass, {}, false, at(20))).to.equal("late");
    expect(liveClassState(manualClass, {}, true, at(-20))).to.equal("not_due");
  });

  it("puts late classes first", () => {
    const rows = [
      { liveState: "started" as const, startsAt: at(0) },
      { liveState: "late" as const, startsAt: at(60) },
      { liveState: "waiting" as const, startsAt: at(0) },
    ];
    expect(byUrgency(rows).map((r) => r.liveState)).to.deep.equal(["late", "waiting", "started"]);
  });
});

describe("Zoom webhook signatures (pure)", () => {
  const secret = "whsec-test";
  const body = Buffer.from('{"event":"meeting.started","payload":{"object":{"id":"85746065431"}}}');
  const now = new Date("2026-10-17T06:02:00Z");
  const ts = String(Math.floor(now.getTime() / 1000));

  it("accepts Zoom's v0 signature over the raw body and a fresh timestamp", () => {
    const signature = signWebhook(secret, ts, body.toString());
    expect(verifyZoomSignature(secret, { timestamp: ts, signature }, body, now)).to.deep.equal({ ok: true });
  });

  it("refuses a wrong signature, a changed body, a stale or future timestamp, and missing headers", () => {
    const signature = signWebhook(secret, ts, body.toString());
    const check = (h: { timestamp?: string; signature?: string }, b = body, n = now) =>
      verifyZoomSignature(secret, { timestamp: h.timestamp, signature: h.signature }, b, n);
    expect(check({ timestamp: ts, signature: signWebhook("other", ts, body.toString()) })).to.deep.equal({
      ok: false,
      reason: "bad_signature",
    });
    expect(check({ timestamp: ts, signature }, Buffer.from(body.toString().replace("31", "32")))).to.deep.equal({
      ok: false,
      reason: "bad_signature",
    });
    expect(check({ timestamp: ts, signature }, body, new Date(now.getTime() + 5 * 60_000 + 1_000))).to.deep.equal({
      ok: false,
      reason: "stale",
    });
    expect(check({ timestamp: ts, signature }, body, new Date(now.getTime() - 6 * 60_000))).to.deep.equal({
      ok: false,
      reason: "stale",
    });
    expect(check({ signature })).to.deep.equal({ ok: false, reason: "missing" });
    expect(check({ timestamp: ts, signature: signature.slice(0, -1) })).to.deep.equal({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("answers the URL validation challenge as Zoom computes it", () => {
    expect(urlValidation(secret, "qgg8vlvZRS6UYooatFL8Aw")).to.deep.equal(
      urlValidationAnswer(secret, "qgg8vlvZRS6UYooatFL8Aw"),
    );
  });
});
