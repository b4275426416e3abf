import { expect } from "chai";
import { previewReason } from "../../src/checkin/preview-fetch.js";

const h = (headers: Record<string, string>) => ({ get: (n: string) => headers[n.toLowerCase()] });
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1";

describe("previewReason: is a GET of the scanned link a fetch no person asked for", () => {
  const cases: [Record<string, string>, string | null][] = [
    [{ "user-agent": SAFARI }, null], // older Safari sends no Sec-Fetch headers: a person
    [{ "user-agent": SAFARI, "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" }, null],
    [{ "user-agent": SAFARI, "sec-purpose": "prefetch" }, "prefetch"],
    [{ "user-agent": SAFARI, "sec-purpose": "prefetch;prerender" }, "prefetch"],
    [{ "user-agent": SAFARI, "x-moz": "prefetch" }, "prefetch"],
    [{ "user-agent": SAFARI, "x-purpose": "preview" }, "prefetch"],
    [{ "user-agent": "WhatsApp/2.24.6.77 i" }, "preview-agent"],
    [{ "user-agent": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)" }, "preview-agent"],
    [{ "user-agent": "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5" }, "preview-agent"],
    [{ "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }, "preview-agent"],
    [{ "user-agent": SAFARI, "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image" }, "not-a-navigation"],
    [{ "user-agent": SAFARI, "sec-fetch-mode": "cors", "sec-fetch-dest": "empty" }, "not-a-navigation"],
    [{ "user-agent": SAFARI, "sec-fetch-mode": "navigate", "sec-fetch-dest": "iframe" }, "not-a-navigation"],
  ];
  for (const [headers, want] of cases)
    it(`${JSON.stringify(headers).slice(0, 90)} -> ${want}`, () => expect(previewReason(h(headers))).to.equal(want));
});
