/**
 * Whether a GET of the scanned link (`/c/...`) may be a fetch no student asked for: a browser's prefetch or
 * prerender, or a chat app's or search engine's link preview. Such a request must not write a mark, so the page
 * asks for one tap instead (a same-origin POST). A table of rules, first match wins; each names its reason for the log.
 */
export type PreviewReason = "prefetch" | "preview-agent" | "not-a-navigation";

type Headers = { get(name: string): string | undefined };

/** Words in a User-Agent that only link-preview fetchers and crawlers send (matched case-insensitively). */
export const PREVIEW_AGENTS = [
  "facebookexternalhit",
  "facebot",
  "whatsapp/",
  "telegrambot",
  "slackbot",
  "slack-imgproxy",
  "discordbot",
  "twitterbot",
  "linkedinbot",
  "skypeuripreview",
  "microsoftpreview",
  "viber",
  "redditbot",
  "applebot",
  "googlebot",
  "google-inspectiontool",
  "bingbot",
  "bingpreview",
  "yandexbot",
  "duckduckbot",
  "embedly",
  "iframely",
  "mattermost-bot",
  "crawler",
  "spider",
];

const agentPattern = new RegExp(PREVIEW_AGENTS.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|"), "i");

const RULES: { reason: PreviewReason; test: (h: Headers) => boolean }[] = [
  // Chrome's speculation rules and <link rel=prefetch> send Sec-Purpose; older browsers Purpose or X-Moz.
  { reason: "prefetch", test: (h) => /prefetch|prerender/i.test(h.get("sec-purpose") ?? "") },
  { reason: "prefetch", test: (h) => /prefetch|prerender|preview/i.test(h.get("purpose") ?? "") },
  { reason: "prefetch", test: (h) => /prefetch/i.test(h.get("x-moz") ?? "") },
  { reason: "prefetch", test: (h) => /preview|prefetch/i.test(h.get("x-purpose") ?? "") },
  { reason: "preview-agent", test: (h) => agentPattern.test(h.get("user-agent") ?? "") },
  // A browser that says what the request is for and says it is not a page the person opens (a script's fetch,
  // an <img>): never a scan. A browser that sends no Sec-Fetch headers at all (older Safari) is let through.
  { reason: "not-a-navigation", test: (h) => (h.get("sec-fetch-mode") ?? "navigate") !== "navigate" },
  { reason: "not-a-navigation", test: (h) => !["document", ""].includes(h.get("sec-fetch-dest") ?? "") },
];

/** The first rule a request matches, or null when it looks like a person opening the link. */
export function previewReason(headers: Headers): PreviewReason | null {
  return RULES.find((r) => r.test(headers))?.reason ?? null;
}
