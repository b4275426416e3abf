/**
 * Who may register a platform, and which addresses Rollbook will fetch for it. Pure: the route asks, these answer.
 */

/** What the operator configured: the allow-list of Moodle hosts, auto-activation, and whether this is production. */
export interface RegistrationPolicy {
  allowedHosts: readonly string[];
  autoActivate: boolean;
  production: boolean;
}

/** The outcome of a registration attempt before anything is fetched. */
export type Admission =
  | { kind: "active"; by: "link" | "allow_list" | "auto_activate" }
  | { kind: "pending" }
  | { kind: "refused"; reason: "link_invalid" | "host_not_allowed" };

/**
 * A valid one-time link or an allow-listed host registers an active platform. With an allow-list configured, any
 * other host is refused. With neither, the platform is saved but pending until the operator activates it
 * (`rollbook platform:activate`), unless DYNREG_AUTO_ACTIVATE=true (open registration, not recommended).
 */
export function admitRegistration(
  policy: RegistrationPolicy,
  input: { link: "valid" | "invalid" | "none"; url: URL },
): Admission {
  if (input.link === "valid") return { kind: "active", by: "link" };
  if (input.link === "invalid") return { kind: "refused", reason: "link_invalid" };
  if (policy.allowedHosts.length > 0) {
    // An entry with a port matches that host and port; one without, the host on any port.
    const { host, hostname } = input.url;
    return policy.allowedHosts.some((entry) => entry === host || entry === hostname)
      ? { kind: "active", by: "allow_list" }
      : { kind: "refused", reason: "host_not_allowed" };
  }
  return policy.autoActivate ? { kind: "active", by: "auto_activate" } : { kind: "pending" };
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** A URL Rollbook may fetch for a registration: https, or http to a loopback host outside production; no credentials. */
export function fetchableUrl(raw: string, production: boolean): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && !production && LOOPBACK.test(url.hostname)) return url;
  return null;
}

/** The platform's endpoints must all live on the host of its issuer (and of the configuration URL fetched). */
export function onIssuerHost(issuer: URL, urls: readonly string[], production: boolean): boolean {
  return urls.every((raw) => {
    const url = fetchableUrl(raw, production);
    return url !== null && url.host === issuer.host;
  });
}
