import type { Agent, Response } from "supertest";
import type { LaunchKind, LoginInitiation, TestPlatform } from "./lti-platform.js";

/** An HTML form as a browser would submit it. */
export interface FormPost {
  action: string;
  method: string;
  fields: Record<string, string>;
}

export interface LaunchOptions {
  kind: LaunchKind;
  /** Claim overrides for the id_token (see TestPlatform.idTokenFor). */
  overrides?: Record<string, unknown>;
  /** Where the tool's login route lives. Default /lti. */
  toolPathPrefix?: string;
  /** Replace the id_token before it reaches the tool (re-sign, truncate, swap...). */
  tamper?: (idToken: string) => string | Promise<string>;
  /** Drop the tool's state cookie before the id_token POST, like a browser that blocks it. */
  skipCookie?: boolean;
  /** Launch a tool other than the platform's default one (e.g. one made by dynamic registration). */
  clientId?: string;
}

export interface LaunchResult {
  /** The tool's answer to the form_post of id_token and state (redirects are not followed). */
  response: Response;
  /** The tool's answer to the login initiation (normally a 302 to auth.php). */
  loginResponse: Response;
  login: LoginInitiation;
  /** The id_token as posted to the tool (after tamper). */
  idToken: string;
  state: string;
  /** GETs the Location of `from` (default: the launch response) with the same agent and cookies. */
  follow(from?: Response): Promise<Response>;
}

const entities: Record<string, string> = {
  "&amp;": "&",
  "&quot;": '"',
  "&lt;": "<",
  "&gt;": ">",
  "&#39;": "'",
  "&#039;": "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|quot|lt|gt|#0?39);/g, (entity) => entities[entity] ?? entity);
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(tag);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : decodeEntities(value);
}

/** Reads the first form of a page (Moodle's auth.php answer, ltijs's deep-linking form) and its inputs. */
export function parseFormPost(html: string): FormPost {
  const form = /<form\b[^>]*>/i.exec(html);
  if (!form) throw new Error(`no <form> in page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const input of html.slice(form.index).matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input[0], "name");
    if (name) fields[name] = attribute(input[0], "value") ?? "";
  }
  return {
    action: attribute(form[0], "action") ?? "",
    method: (attribute(form[0], "method") ?? "get").toLowerCase(),
    fields,
  };
}

/** Applies a response's Set-Cookie lines to a name=value map, dropping the cookies it clears. */
function applySetCookies(cookies: Map<string, string>, res: Response): Map<string, string> {
  const raw = res.headers["set-cookie"] as string[] | string | undefined;
  for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const [pair = "", ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const expires = attrs.map((a) => a.trim()).find((a) => /^expires=/i.test(a));
    if (expires !== undefined && Date.parse(expires.slice(8)) <= Date.now()) cookies.delete(name);
    else cookies.set(name, pair.slice(eq + 1).trim());
  }
  return cookies;
}

function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Path and query of a URL, so that a supertest agent can request it from the app under test. */
function pathOf(url: string): string {
  const parsed = new URL(url, "http://tool.invalid");
  return parsed.pathname + parsed.search;
}

/**
 * Runs a real LTI 1.3 launch through the tool: the login initiation Moodle auto-submits, the
 * tool's redirect to auth.php followed over real HTTP (so the platform validates it), then the
 * id_token form_post back to the tool with the same agent, so the tool's cookies flow.
 * Cookies the tool set are also sent explicitly, so Secure cookies work over plain HTTP.
 */
export async function launchTool(agent: Agent, platform: TestPlatform, opts: LaunchOptions): Promise<LaunchResult> {
  const prefix = opts.toolPathPrefix ?? "/lti";
  const login = platform.prepareLaunch(opts.kind, opts.overrides, opts.clientId);
  const loginResponse = await agent
    .post(`${prefix}/login`)
    .type("form")
    .send({ ...login })
    .redirects(0);
  const location = loginResponse.headers.location as string | undefined;
  if (loginResponse.status !== 302 || !location) {
    throw new Error(`tool login did not redirect: ${loginResponse.status} ${loginResponse.text.slice(0, 500)}`);
  }
  if (!location.startsWith(platform.authEndpoint)) throw new Error(`tool login redirected elsewhere: ${location}`);

  const auth = await fetch(location, { redirect: "manual" });
  const authBody = await auth.text();
  if (auth.status !== 200) {
    throw new Error(
      `auth.php refused the tool's request: ${auth.status} ${auth.headers.get("location") ?? authBody.slice(0, 300)}`,
    );
  }
  const form = parseFormPost(authBody);
  const state = form.fields.state ?? "";
  const idToken = opts.tamper ? await opts.tamper(form.fields.id_token ?? "") : (form.fields.id_token ?? "");

  const cookies = applySetCookies(new Map(), loginResponse);
  if (opts.skipCookie) {
    for (const name of [...cookies.keys()].filter((n) => n.startsWith("state"))) {
      cookies.delete(name);
      agent.jar.setCookie(`${name}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT`, "127.0.0.1", "/");
    }
  }
  let post = agent.post(pathOf(form.action)).type("form").redirects(0);
  if (cookies.size > 0) post = post.set("Cookie", cookieHeader(cookies));
  const response = await post.send({ id_token: idToken, state });
  applySetCookies(cookies, response);

  const follow = async (from: Response = response): Promise<Response> => {
    const next = from.headers.location as string | undefined;
    if (!next) throw new Error(`nothing to follow: ${from.status} has no Location`);
    const carried = applySetCookies(new Map(cookies), from);
    let get = agent.get(pathOf(next)).redirects(0);
    if (carried.size > 0) get = get.set("Cookie", cookieHeader(carried));
    return get;
  };
  return { response, loginResponse, login, idToken, state, follow };
}
