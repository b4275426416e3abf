/** What start-up needs to know to tell whether the demo's own launches can reach the server. */
export interface DemoUrlSettings {
  PUBLIC_URL: string;
  PORT: number;
  DEMO_ENABLED: boolean;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * The demo's launch buttons post to PUBLIC_URL: a loopback PUBLIC_URL on another port than the one Rollbook
 * listens on can never answer (connection refused on the first click). Pure: returns the warning, or null.
 */
export function demoUrlProblem(s: DemoUrlSettings): string | null {
  if (!s.DEMO_ENABLED) return null;
  const url = new URL(s.PUBLIC_URL);
  if (!LOOPBACK.has(url.hostname)) return null;
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  if (port === s.PORT) return null;
  return (
    `PUBLIC_URL is ${s.PUBLIC_URL} but Rollbook listens on port ${s.PORT}: the demo's launches will not reach it. ` +
    `Set PUBLIC_URL=${url.protocol}//${url.hostname}:${s.PORT} or leave PUBLIC_URL unset.`
  );
}

/**
 * After listening: asks PUBLIC_URL/healthz once (a few seconds at most). A failure means the demo's launches (and
 * Moodle's) cannot reach PUBLIC_URL from here; returns the warning, or null when it answered.
 */
export async function probePublicUrl(publicUrl: string, timeoutMs = 3000): Promise<string | null> {
  try {
    const res = await fetch(`${publicUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    if (res.ok) return null;
    return `PUBLIC_URL ${publicUrl} answered ${res.status} to /healthz: is it this Rollbook? The demo's launches go there.`;
  } catch (err) {
    return `PUBLIC_URL ${publicUrl} cannot be reached from this server (${(err as Error).message}): the demo's launches go there and will fail.`;
  }
}
