import { expect } from "chai";
import { messageIdHeader } from "../../src/notify/header-id.js";
import { nextRetryAt } from "../../src/notify/rules/backoff.js";
import { smtpFailure } from "../../src/notify/smtp-failure.js";
import { readUnsubscribe, signUnsubscribe } from "../../src/notify/unsubscribe-link.js";

const NOW = new Date("2026-10-16T09:00:00Z");
const FAR = new Date("2026-10-20T09:00:00Z");

describe("outbox rules", () => {
  it("backs off 30 s, doubling, to at most an hour, and stops past the give-up time", () => {
    const waits = [1, 2, 3, 4, 8, 9, 20].map((n) => (nextRetryAt(n, NOW, FAR)!.getTime() - NOW.getTime()) / 1000);
    expect(waits).to.deep.equal([30, 60, 120, 240, 3600, 3600, 3600]);
    expect(nextRetryAt(1, NOW, new Date(NOW.getTime() + 29_000))).to.equal(null);
  });

  it("fails 5xx answers for good and retries 4xx, connection failures and a refused login", () => {
    const rcpt = { code: "EENVELOPE", responseCode: 550, response: "550 5.1.1 <x@example.lv>: no such user" };
    expect(smtpFailure(rcpt)).to.deep.equal({ isPermanent: true, reason: "550 5.1.1 <x@example.lv>: no such user" });
    expect(smtpFailure({ responseCode: 451, response: "451 4.7.1 later" }).isPermanent).to.equal(false);
    expect(smtpFailure({ code: "ECONNECTION", message: "connect ECONNREFUSED" })).to.deep.equal({
      isPermanent: false,
      reason: "ECONNECTION: connect ECONNREFUSED",
    });
    expect(smtpFailure({ code: "EAUTH", responseCode: 535, response: "535 bad login" }).isPermanent).to.equal(false);
  });

  it("makes the Message-ID in the sender's domain", () => {
    expect(messageIdHeader("ab".repeat(16), "Rollbook <rollbook@kolegija.lv>")).to.equal(
      `<rb.${"ab".repeat(16)}@kolegija.lv>`,
    );
    expect(messageIdHeader("cd".repeat(16), "rollbook@vk.lv")).to.equal(`<rb.${"cd".repeat(16)}@vk.lv>`);
  });

  it("reads a genuine unsubscribe token and refuses an edited or foreign one", () => {
    const key = "k".repeat(40);
    const token = signUnsubscribe(key, { platformId: "p1", userId: "42", kind: "notice" });
    expect(readUnsubscribe(key, token)).to.deep.equal({ platformId: "p1", userId: "42", kind: "notice" });
    const other = signUnsubscribe(key, { platformId: "p1", userId: "43", kind: "notice" });
    expect(readUnsubscribe(key, `${other.split(".")[0]}.${token.split(".")[1]}`)).to.equal(null);
    expect(readUnsubscribe("z".repeat(40), token)).to.equal(null);
    expect(readUnsubscribe(key, "garbage")).to.equal(null);
  });
});
