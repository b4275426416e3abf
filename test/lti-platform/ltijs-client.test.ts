import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import request from "supertest";
import { launchTool, parseFormPost } from "../support/lti-platform-launch.js";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform.js";
import { LtijsMemoryDb } from "../support/lti-platform/ltijs-memory-db.js";

/** The slice of ltijs 5.9.9's Provider these tests drive. */
interface Provider {
  app: import("node:http").RequestListener;
  setup(key: string, db: { plugin: LtijsMemoryDb }, options: Record<string, unknown>): Provider;
  deploy(options: Record<string, unknown>): Promise<true>;
  registerPlatform(platform: Record<string, unknown>): Promise<unknown>;
  onConnect(cb: (token: LtijsToken, req: unknown, res: { json(body: unknown): void }) => unknown): void;
  onDeepLinking(cb: (token: LtijsToken, req: unknown, res: { send(body: string): void }) => unknown): void;
  NamesAndRoles: {
    getMembers(token: LtijsToken, options: Record<string, unknown>): Promise<{ members: { user_id: string }[] }>;
  };
  Grade: { submitScore(token: LtijsToken, lineItemId: string, score: Record<string, unknown>): Promise<unknown> };
  DeepLinking: {
    createDeepLinkingForm(token: LtijsToken, items: unknown[], options: Record<string, unknown>): Promise<string>;
  };
}
type LtijsToken = { user: string; platformContext: { endpoint: { lineitem: string } } };

const require = createRequire(import.meta.url);

/** ltijs exports one Provider instance; its constructor gives a fresh one per test. */
function newProvider(): Provider {
  const singleton = (require("ltijs") as { Provider: { constructor: new () => Provider } }).Provider;
  return new singleton.constructor();
}

/** A real ltijs tool served on 127.0.0.1 (token.php and contentitem_return.php fetch its keys). */
async function startLtijsTool(platform: TestPlatform) {
  const lti = newProvider();
  lti.setup(
    "self-test-secret",
    { plugin: new LtijsMemoryDb() },
    {
      appRoute: "/lti/launch",
      loginRoute: "/lti/login",
      keysetRoute: "/lti/keys",
      dynRegRoute: "/lti/register",
      dynReg: { url: "http://127.0.0.1:3000", name: "Rollbook self-test", autoActivate: false },
    },
  );
  const seen: { launch?: LtijsToken } = {};
  lti.onConnect((token, _req, res) => {
    seen.launch = token;
    res.json({ user: token.user });
  });
  lti.onDeepLinking(async (token, _req, res) => {
    const items = [
      {
        type: "ltiResourceLink",
        title: "Apmeklējuma uzskaite",
        url: "http://127.0.0.1:3000/lti/launch",
        lineItem: { scoreMaximum: 100, label: "Apmeklējums", resourceId: "attendance-bk101", tag: "attendance" },
      },
    ];
    res.send(await lti.DeepLinking.createDeepLinkingForm(token, items, { message: "Pievienota 1 aktivitāte" }));
  });
  await lti.deploy({ serverless: true, silent: true });
  await lti.registerPlatform({
    url: platform.issuer,
    name: "Moodle",
    clientId: platform.clientId,
    authenticationEndpoint: platform.authEndpoint,
    accesstokenEndpoint: platform.tokenEndpoint,
    authConfig: { method: "JWK_SET", key: platform.jwksUrl },
  });
  const server: Server = createServer(lti.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  platform.setToolJwksUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lti/keys`);
  return { lti, seen, server };
}

describe("test LTI platform driven by a real ltijs 5.9.9 tool", () => {
  let platform: TestPlatform;
  let tool: Awaited<ReturnType<typeof startLtijsTool>>;

  beforeEach(async () => {
    platform = await startTestPlatform();
    tool = await startLtijsTool(platform);
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => tool.server.close(() => resolve()));
    await platform.close();
  });

  it("launches the lecturer through login, auth.php and the form_post, then reaches onConnect", async () => {
    const agent = request.agent(tool.server);
    const launch = await launchTool(agent, platform, { kind: "instructor" });
    expect(launch.response.status).to.equal(302);
    expect(launch.response.headers.location).to.match(/^\/lti\/launch\?ltik=/);
    const page = await launch.follow();
    expect(page.status).to.equal(200);
    expect(page.body).to.deep.equal({ user: "3" });
  });

  it("is refused by ltijs without the state cookie, or with an id_token signed by another key", async () => {
    const noCookie = await launchTool(request.agent(tool.server), platform, { kind: "learner", skipCookie: true });
    expect(noCookie.response.status).to.equal(401);
    expect(noCookie.response.text).to.include("MISSING_VALIDATION_COOKIE");
    const forged = await launchTool(request.agent(tool.server), platform, {
      kind: "learner",
      tamper: async (idToken) =>
        platform.signIdToken(
          JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>,
          { wrongKey: true },
        ),
    });
    expect(forged.response.status).to.equal(401);
    expect(forged.response.text).to.include("invalid signature");
  });

  it("serves ltijs's NRPS paging and score submission", async () => {
    await (await launchTool(request.agent(tool.server), platform, { kind: "instructor" })).follow();
    const token = tool.seen.launch;
    if (!token) throw new Error("no launch seen");
    const all = await tool.lti.NamesAndRoles.getMembers(token, { limit: 3, pages: false });
    expect(all.members.map((m) => m.user_id)).to.deep.equal(["4", "8", "5", "9", "7", "3", "6"]);
    await tool.lti.Grade.submitScore(token, token.platformContext.endpoint.lineitem, {
      userId: "4",
      scoreGiven: 90,
      scoreMaximum: 100,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    });
    expect(platform.gradeOf("4")).to.include({ rawgrade: 90 });
  });

  it("accepts ltijs's signed deep-linking response at the return URL", async () => {
    const agent = request.agent(tool.server);
    const form = parseFormPost((await (await launchTool(agent, platform, { kind: "deeplink" })).follow()).text);
    expect(form.action).to.equal(platform.deepLinkReturnUrl);
    const res = await fetch(form.action, { method: "POST", body: new URLSearchParams(form.fields) });
    expect(res.status).to.equal(200);
    expect(platform.deepLinkResponses[0]?.payload["https://purl.imsglobal.org/spec/lti-dl/claim/msg"]).to.equal(
      "Pievienota 1 aktivitāte",
    );
  });

  it("registers dynamically through ltijs and leaves the new tool Pending", async () => {
    const res = await request(tool.server)
      .get("/lti/register")
      .query({
        openid_configuration: platform.openidConfigurationUrl,
        registration_token: await platform.makeRegistrationToken(),
      });
    expect(res.status).to.equal(200);
    expect(res.text).to.include("org.imsglobal.lti.close");
    expect(platform.registrations).to.have.length(1);
    expect(platform.tool(platform.registrations[0]?.clientId).state).to.equal(2);
  });
});
