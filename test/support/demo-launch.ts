import type { Agent, Response } from "supertest";
import { readForm } from "./html.js";

/** Runs a demo launch through the real flow: start page -> /lti/login -> demo auth -> /lti/launch -> ltik -> page. */
export async function demoLaunch(
  agent: Agent,
  opts: { user: string; kind?: "resource" | "deeplink"; lang?: "lv" | "en" },
): Promise<{ landing: string; page: Response }> {
  const start = await agent.get("/").expect(200);
  const csrf = readForm(start.text).fields._csrf ?? "";
  const handoff = await agent
    .post("/demo/launch")
    .type("form")
    .send({ _csrf: csrf, user: opts.user, kind: opts.kind ?? "resource", lang: opts.lang ?? "lv" })
    .expect(200);
  const login = readForm(handoff.text);
  const toAuth = await agent.post(new URL(login.action).pathname).type("form").send(login.fields).expect(302);
  const authUrl = new URL(toAuth.headers.location as string, "http://x");
  const auth = await agent.get(authUrl.pathname + authUrl.search).expect(200);
  const post = readForm(auth.text);
  const launched = await agent.post(new URL(post.action).pathname).type("form").send(post.fields).expect(302);
  const withLtik = new URL(launched.headers.location as string, "http://x");
  const session = await agent.get(withLtik.pathname + withLtik.search).expect(303);
  const landing = session.headers.location as string;
  const page = await agent.get(landing);
  return { landing, page };
}
