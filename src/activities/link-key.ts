import { randomBytes } from "node:crypto";

/** The custom parameter deep linking puts on a new link, so its first launch finds the activity made for it. */
export const LINK_KEY_PARAM = "rollbook_activity";

export const DEFAULT_ACTIVITY_TITLE = "Apmeklējums";

export function newLinkKey(): string {
  return randomBytes(12).toString("base64url");
}
