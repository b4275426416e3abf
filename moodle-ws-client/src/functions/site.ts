import type { MoodleClient } from "../client/moodle-client.js";
import { parseResult } from "../client/parse-result.js";
import { siteInfoSchema, type SiteInfo } from "../schemas/site.js";

/** Who the token belongs to and which functions its service allows; the first call of any connection check. */
export async function getSiteInfo(client: MoodleClient): Promise<SiteInfo> {
  const fn = "core_webservice_get_site_info";
  return parseResult(siteInfoSchema, await client.call(fn), fn);
}
