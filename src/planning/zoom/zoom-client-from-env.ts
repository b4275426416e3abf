import type { Env } from "../../env.js";
import { createZoomClient, type ZoomClient } from "./zoom-client.js";

/** The Zoom client when ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET are all set; otherwise null (manual links only). */
export function zoomClientFromEnv(env: Env): ZoomClient | null {
  if (!env.ZOOM_ACCOUNT_ID || !env.ZOOM_CLIENT_ID || !env.ZOOM_CLIENT_SECRET) return null;
  return createZoomClient({
    accountId: env.ZOOM_ACCOUNT_ID,
    clientId: env.ZOOM_CLIENT_ID,
    clientSecret: env.ZOOM_CLIENT_SECRET,
    apiUrl: env.ZOOM_API_URL,
    oauthUrl: env.ZOOM_OAUTH_URL,
  });
}
