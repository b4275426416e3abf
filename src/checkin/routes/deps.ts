import type { Db } from "../../db/client.js";
import type { CookiePolicy } from "../../http/cookie-policy.js";
import type { Lti } from "../../lti/provider.js";

export interface CheckinRouteDeps {
  db: Db;
  lti: () => Lti;
  now: () => Date;
  linkKey: string;
  publicUrl: string;
  cookies: CookiePolicy;
}
