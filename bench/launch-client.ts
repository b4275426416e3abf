import { parseFormPost } from "../test/support/lti-platform-launch.js";
import type { LaunchKind, TestPlatform } from "../test/support/lti-platform.js";

/** A browser's cookies for one host, as name=value pairs: what a virtual user carries from one request to the next. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes in a response's Set-Cookie lines; a cookie set to expire (or Max-Age=0) is dropped. */
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const expires = attrs.find((a) => /^expires=/i.test(a));
      const gone =
        /^max-age=0$/i.test(attrs.find((a) => /^max-age=/i.test(a)) ?? "") ||
        (expires !== undefined && Date.parse(expires.slice(8)) <= Date.now());
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
  }

  header(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([n, v]) => `${n}=${v}`).join("; ") } : {};
  }
}

/** One virtual user: a browser (its own cookie jar) launching as a given Moodle user. */
export interface VirtualUser {
  jar: CookieJar;
  kind: Extract<LaunchKind, "instructor" | "learner">;
  userId: string;
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function expectStatus(res: Response, status: number, step: string): Promise<string> {
  const body = await res.text(); // always drain, so the keep-alive connection is reused
  if (res.status !== status) throw new Error(`${step}: ${res.status} (want ${status}) ${body.slice(0, 200)}`);
  return body;
}

/** The Location of a redirect, absolute against the URL that answered it. */
function locationOf(res: Response, base: string): string {
  const location = res.headers.get("location");
  if (!location) throw new Error(`no Location on ${res.status} from ${base}`);
  return new URL(location, base).href;
}

/**
 * One full LTI 1.3 launch as a browser does it: the login initiation Moodle auto-submits, the tool's redirect to
 * auth.php, the form_post of id_token and state back to the tool, the GET with the ltik, then the first page.
 * Returns the landing path; throws on any unexpected answer.
 */
export async function launchOnce(toolUrl: string, platform: TestPlatform, vu: VirtualUser): Promise<string> {
  const login = platform.prepareLaunch(vu.kind, { sub: vu.userId });
  const loginUrl = `${toolUrl}/lti/login`;
  const toAuth = await fetch(loginUrl, {
    method: "POST",
    redirect: "manual",
    headers: { ...FORM, ...vu.jar.header() },
    body: new URLSearchParams({ ...login }),
  });
  vu.jar.take(toAuth);
  await expectStatus(toAuth, 302, "login");

  const auth = await fetch(locationOf(toAuth, loginUrl), { redirect: "manual" });
  const form = parseFormPost(await expectStatus(auth, 200, "auth.php"));
  const fields = { id_token: form.fields.id_token ?? "", state: form.fields.state ?? "" };

  const launch = await fetch(form.action, {
    method: "POST",
    redirect: "manual",
    headers: { ...FORM, ...vu.jar.header() },
    body: new URLSearchParams(fields),
  });
  vu.jar.take(launch);
  await expectStatus(launch, 302, "launch");

  const ltikUrl = locationOf(launch, form.action);
  const session = await fetch(ltikUrl, { redirect: "manual", headers: vu.jar.header() });
  vu.jar.take(session);
  await expectStatus(session, 303, "ltik");

  const landing = locationOf(session, ltikUrl);
  const page = await fetch(landing, { redirect: "manual", headers: vu.jar.header() });
  vu.jar.take(page);
  const html = await expectStatus(page, 200, "first page");
  const marker = vu.kind === "instructor" ? 'data-testid="student-count"' : 'data-testid="student-greeting"';
  if (!html.includes(marker)) throw new Error(`first page ${landing} lacks ${marker}`);
  return new URL(landing).pathname;
}
