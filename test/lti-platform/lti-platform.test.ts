import { expect } from "chai";
import { createRemoteJWKSet, decodeJwt, generateKeyPair, jwtVerify } from "jose";
import { parseFormPost } from "../support/lti-platform-launch.js";
import { startTestPlatform, type LoginInitiation, type TestPlatform } from "../support/lti-platform.js";
import {
  accessToken,
  clientAssertion,
  requestToken,
  startToolKeys,
  type ToolKeys,
} from "../support/lti-platform/tool-keys.js";

const nrpsScope = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
const scoreScope = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
const scoreType = "application/vnd.ims.lis.v1.score+json";
const toolConfig = "https://purl.imsglobal.org/spec/lti-tool-configuration";

/** The query ltijs 5.9.9 puts on its redirect to auth.php (Utils/Request.js). */
function authUrl(platform: TestPlatform, login: LoginInitiation, change: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: "id_token",
    response_mode: "form_post",
    id_token_signed_response_alg: "RS256",
    scope: "openid",
    client_id: login.client_id,
    redirect_uri: login.target_link_uri,
    login_hint: login.login_hint,
    nonce: "nonce-abc123",
    prompt: "none",
    state: "state-xyz",
    lti_message_hint: login.lti_message_hint,
    lti_deployment_id: login.lti_deployment_id,
    ...change,
  });
  return `${platform.authEndpoint}?${query.toString()}`;
}

function postScore(platform: TestPlatform, token: string, body: Record<string, unknown>, type = scoreType) {
  return fetch(`${platform.issuer}/mod/lti/services.php/2/lineitems/6/lineitem/scores?type_id=1`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": type },
    body: JSON.stringify(body),
  });
}

/** The registration body ltijs 5.9.9's DynamicRegistration.register POSTs, for a tool at 127.0.0.1:3000. */
function ltijsRegistration(): Record<string, unknown> {
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: "http://127.0.0.1:3000/lti/login",
    redirect_uris: ["http://127.0.0.1:3000/lti/launch"],
    client_name: "Rollbook",
    jwks_uri: "http://127.0.0.1:3000/lti/keys",
    token_endpoint_auth_method: "private_key_jwt",
    scope: `https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly https://purl.imsglobal.org/spec/lti-ags/scope/lineitem ${scoreScope} https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly ${nrpsScope}`,
    [toolConfig]: {
      domain: "127.0.0.1:3000",
      target_link_uri: "http://127.0.0.1:3000/lti/launch",
      custom_parameters: {},
      claims: ["sub", "iss", "name", "given_name", "family_name", "email"],
      messages: [{ type: "LtiResourceLinkRequest" }, { type: "LtiDeepLinkingRequest" }],
    },
  };
}

function register(platform: TestPlatform, token: string | undefined, body: unknown) {
  return fetch(platform.registrationEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("test LTI platform (fake Moodle 4.4)", () => {
  let platform: TestPlatform;
  let tool: ToolKeys;

  beforeEach(async () => {
    platform = await startTestPlatform();
    tool = await startToolKeys();
    platform.setToolJwksUrl(tool.jwksUrl);
  });
  afterEach(async () => {
    await platform.close();
    await tool.close();
  });

  describe("OIDC", () => {
    it("serves an openid configuration shaped like Moodle's", async () => {
      const res = await fetch(platform.openidConfigurationUrl);
      const config = (await res.json()) as Record<string, unknown>;
      expect(res.headers.get("content-type")).to.match(/^application\/json/);
      expect(config.issuer).to.equal(platform.issuer);
      expect(config.authorization_endpoint).to.equal(`${platform.issuer}/mod/lti/auth.php`);
      expect(config.token_endpoint).to.equal(platform.tokenEndpoint);
      expect(config.jwks_uri).to.equal(platform.jwksUrl);
      expect(config.registration_endpoint).to.equal(platform.registrationEndpoint);
      expect(config.token_endpoint_auth_methods_supported).to.deep.equal(["private_key_jwt"]);
      expect(config.claims_supported).to.deep.equal(["sub", "iss", "name", "given_name", "family_name", "email"]);
      const lti = config["https://purl.imsglobal.org/spec/lti-platform-configuration"] as Record<string, unknown>;
      expect(lti.product_family_code).to.equal("moodle");
      expect(lti.messages_supported).to.deep.equal([
        { type: "LtiResourceLinkRequest" },
        { type: "LtiDeepLinkingRequest", placements: ["ContentArea"] },
      ]);
    });

    it("answers auth.php with a form_post id_token that verifies against certs.php and carries the nonce", async () => {
      const login = platform.prepareLaunch("instructor");
      const res = await fetch(authUrl(platform, login));
      expect(res.status).to.equal(200);
      const form = parseFormPost(await res.text());
      expect(form.action).to.equal("http://127.0.0.1:3000/lti/launch");
      expect(form.fields.state).to.equal("state-xyz");
      const { payload, protectedHeader } = await jwtVerify(
        form.fields.id_token ?? "",
        createRemoteJWKSet(new URL(platform.jwksUrl)),
        {
          issuer: platform.issuer,
          audience: platform.clientId,
        },
      );
      expect(protectedHeader).to.include({ alg: "RS256", typ: "JWT" });
      expect(payload.nonce).to.equal("nonce-abc123");
      expect(payload.sub).to.equal("3");
      expect(payload.name).to.equal("Ilze Ozoliņa");
      expect(payload["https://purl.imsglobal.org/spec/lti/claim/deployment_id"]).to.equal(platform.deploymentId);
      expect(payload["https://purl.imsglobal.org/spec/lti/claim/context"]).to.deep.include({
        id: "2",
        title: "Biznesa komunikācija",
      });
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).to.equal(60);
    });

    it("redeems a launch only once", async () => {
      const login = platform.prepareLaunch("learner");
      expect((await fetch(authUrl(platform, login))).status).to.equal(200);
      const again = await fetch(authUrl(platform, login));
      expect(again.status).to.equal(404);
      expect(await again.text()).to.not.include("id_token");
    });

    it("refuses an unregistered redirect_uri with Moodle's 404 error page", async () => {
      const login = platform.prepareLaunch("instructor");
      const res = await fetch(authUrl(platform, login, { redirect_uri: "http://evil.example/lti/launch" }), {
        redirect: "manual",
      });
      expect(res.status).to.equal(404);
      expect(await res.text())
        .to.include("Invalid request")
        .and.not.include("id_token");
    });

    it("sends a wrong client_id back to the tool as unauthorized_client, without an id_token", async () => {
      const login = platform.prepareLaunch("instructor");
      const res = await fetch(authUrl(platform, login, { client_id: "someone-else" }), { redirect: "manual" });
      expect(res.status).to.equal(303);
      const location = new URL(res.headers.get("location") ?? "");
      expect(location.pathname).to.equal("/lti/launch");
      expect(location.searchParams.get("error")).to.equal("unauthorized_client");
      expect(location.searchParams.get("state")).to.equal("state-xyz");
    });

    it("builds learner and deep-linking claims like the recordings", () => {
      const learner = platform.idTokenFor("learner", { sub: "7" });
      expect(learner.name).to.equal("Līga Liepiņa");
      expect(learner["https://purl.imsglobal.org/spec/lti/claim/roles"]).to.deep.equal([
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
      ]);
      const dl = platform.idTokenFor("deeplink");
      expect(dl["https://purl.imsglobal.org/spec/lti/claim/resource_link"]).to.equal(undefined);
      expect(dl["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"]).to.equal(undefined);
      const settings = dl["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] as Record<
        string,
        unknown
      >;
      expect(settings.deep_link_return_url).to.equal(platform.deepLinkReturnUrl);
    });
  });

  describe("token.php", () => {
    it("grants a 32-hex access token for a client assertion signed with the tool's key, as text/html JSON", async () => {
      const res = await requestToken(platform, await clientAssertion(tool, platform), `${scoreScope} ${nrpsScope}`);
      const raw = await res.text();
      expect(res.status).to.equal(200);
      expect(res.headers.get("content-type")).to.match(/^text\/html/);
      expect(raw).to.include('"access_token" : "');
      const body = JSON.parse(raw) as Record<string, unknown>;
      expect(body.access_token).to.match(/^[0-9a-f]{32}$/);
      expect(body).to.include({ token_type: "Bearer", expires_in: 3600, scope: `${scoreScope} ${nrpsScope}` });
      expect(tool.fetches()).to.equal(1);
    });

    it("refuses an assertion signed with another key, and one with an unknown kid", async () => {
      const { privateKey: wrongKey } = await generateKeyPair("RS256");
      const wrong = await requestToken(platform, await clientAssertion(tool, platform, { key: wrongKey }), scoreScope);
      expect(wrong.status).to.equal(400);
      expect(JSON.parse(await wrong.text())).to.deep.equal({ error: "Signature verification failed" });
      const unknownKid = await requestToken(
        platform,
        await clientAssertion(tool, platform, { kid: "nope" }),
        scoreScope,
      );
      expect(JSON.parse(await unknownKid.text())).to.deep.equal({
        error: '"kid" invalid, unable to lookup correct key',
      });
    });
  });

  describe("NRPS", () => {
    async function getPage(url: string, token: string) {
      const res = await fetch(url, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
        },
      });
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { members: { user_id: string; roles: string[] }[] };
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
      return { ids: body.members.map((m) => m.user_id), roles: body.members.flatMap((m) => m.roles), next };
    }
    const endpoint = () => `${platform.issuer}/mod/lti/services.php/CourseSection/2/bindings/1/memberships`;

    it("pages with limit/from and Link rel=next until every member is listed, by last name", async () => {
      const token = await accessToken(tool, platform, nrpsScope);
      const pages: string[][] = [];
      let url: string | undefined = `${endpoint()}?limit=3`;
      while (url) {
        const page = await getPage(url, token);
        pages.push(page.ids);
        url = page.next;
      }
      expect(pages).to.deep.equal([["4", "8", "5"], ["9", "7", "3"], ["6"]]);
    });

    it("loses the role filter on page 2, as Moodle does", async () => {
      const token = await accessToken(tool, platform, nrpsScope);
      const first = await getPage(`${endpoint()}?role=Learner&limit=2`, token);
      expect(first.ids).to.deep.equal(["4", "8"]);
      expect(first.next).to.equal(`${endpoint()}?limit=2&from=2`);
      const later = [await getPage(first.next ?? "", token)];
      later.push(await getPage(later[0]?.next ?? "", token));
      expect(later.flatMap((p) => p.roles)).to.include("Instructor");
    });

    it("refuses a token without the memberships scope", async () => {
      const token = await accessToken(tool, platform, scoreScope);
      const res = await fetch(endpoint(), { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).to.equal(401);
    });
  });

  describe("AGS scores", () => {
    const score = {
      userId: "4",
      scoreGiven: 80,
      scoreMaximum: 100,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: "2026-11-23T19:58:58.545Z",
    };

    it("answers 200 with an empty body, then 409 for the same timestamp, and keeps the grade", async () => {
      const token = await accessToken(tool, platform, scoreScope);
      const ok = await postScore(platform, token, score);
      expect(ok.status).to.equal(200);
      expect(await ok.text()).to.equal("");
      expect(platform.gradeOf("4")).to.include({ rawgrade: 80, timemodified: 1795463938 });
      const again = await postScore(platform, token, score);
      expect(again.status).to.equal(409);
      expect(again.statusText).to.equal("Refusing score with an earlier timestamp for item 6 and user 4");
      expect(platform.receivedScores.map((s) => s.status)).to.deep.equal([200, 409]);
    });

    it("refuses a score for the lecturer with 400 and a wrong content type with 400", async () => {
      const token = await accessToken(tool, platform, scoreScope);
      const lecturer = await postScore(platform, token, { ...score, userId: "3" });
      expect(lecturer.status).to.equal(400);
      expect(await lecturer.text()).to.equal("[]");
      const json = await postScore(platform, token, score, "application/json");
      expect(json.status).to.equal(400);
      expect(((await json.json()) as { reason: string }).reason).to.match(/^No handler found/);
      expect(platform.gradeOf("4")).to.equal(undefined);
    });

    it("drops scoreGiven unless FullyGraded, and rescales to the item maximum", async () => {
      const token = await accessToken(tool, platform, scoreScope);
      await postScore(platform, token, { ...score, userId: "5", scoreGiven: 50, gradingProgress: "Pending" });
      await postScore(platform, token, {
        ...score,
        userId: "6",
        scoreGiven: 8,
        scoreMaximum: 10,
        comment: "Apmeklēti 8 no 10",
      });
      expect(platform.gradeOf("5")).to.include({ rawgrade: null, timemodified: null });
      expect(platform.gradeOf("6")).to.include({ rawgrade: 80, feedback: "Apmeklēti 8 no 10" });
    });
  });

  describe("dynamic registration", () => {
    it("registers a Pending tool and answers with client_id and deployment_id", async () => {
      const token = await platform.makeRegistrationToken();
      const res = await register(platform, token, ltijsRegistration());
      expect(res.status).to.equal(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body.client_id).to.equal(decodeJwt(token).sub);
      const config = body[toolConfig] as Record<string, unknown>;
      expect(config).to.include({ deployment_id: "2", version: "1.3.0" });
      expect(config.messages).to.deep.equal([{ type: "LtiDeepLinkingRequest" }]);
      expect(platform.tool(String(body.client_id)).state).to.equal(2);
      expect(() => platform.prepareLaunch("instructor", {}, String(body.client_id))).to.throw(/Pending/);
    });

    it("refuses a reused token with 401 token_already_used", async () => {
      const token = await platform.makeRegistrationToken();
      expect((await register(platform, token, ltijsRegistration())).status).to.equal(200);
      const again = await register(platform, token, ltijsRegistration());
      expect(again.status).to.equal(401);
      expect(again.headers.get("content-type")).to.match(/^text\/html/);
      expect(await again.text()).to.equal("token_already_used");
    });

    it("refuses a registration without initiate_login_uri with 400, leaving the token unused", async () => {
      const token = await platform.makeRegistrationToken();
      const { initiate_login_uri: _dropped, ...incomplete } = ltijsRegistration();
      const res = await register(platform, token, incomplete);
      expect(res.status).to.equal(400);
      expect(await res.text()).to.equal("missing required attribute initiate_login_uri");
      expect((await register(platform, token, ltijsRegistration())).status).to.equal(200);
    });

    it("answers a forged token or a non-JSON body with the 404 HTML error page", async () => {
      const forged = await register(
        platform,
        await platform.makeRegistrationToken({ wrongKey: true }),
        ltijsRegistration(),
      );
      expect(forged.status).to.equal(404);
      expect(await forged.text()).to.include("Signature verification failed");
      const broken = await register(platform, await platform.makeRegistrationToken(), '{"client_name": "broken", ');
      expect(broken.status).to.equal(404);
      expect(platform.registrations).to.have.length(0);
    });
  });

  describe("deep-linking return", () => {
    const response = (iss: string, aud: string) => ({
      iss,
      aud,
      nonce: "dl-nonce",
      "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "1",
      "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
      "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
      "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": [
        {
          type: "ltiResourceLink",
          title: "Apmeklējuma uzskaite",
          url: "http://127.0.0.1:3000/lti/launch",
          lineItem: { scoreMaximum: 100, label: "Apmeklējums", resourceId: "attendance-bk101", tag: "attendance" },
        },
      ],
    });
    const post = (jwt: string) =>
      fetch(platform.deepLinkReturnUrl, { method: "POST", body: new URLSearchParams({ JWT: jwt }) });

    it("records the content items of a response signed with the tool's key", async () => {
      const jwt = await tool.sign({
        ...response(platform.clientId, platform.issuer),
        iat: Math.floor(Date.now() / 1000),
      });
      const res = await post(jwt);
      expect(res.status).to.equal(200);
      expect(platform.deepLinkResponses).to.have.length(1);
      expect(platform.deepLinkResponses[0]?.contentItems[0]).to.include({ title: "Apmeklējuma uzskaite" });
      const item = platform.saveDeepLinkedActivity();
      expect(item).to.include({ label: "Apmeklējuma uzskaite", resourceId: "attendance-bk101", tag: "attendance" });
    });

    it("answers a response signed with the wrong key with a 404 HTML page and records nothing", async () => {
      const { privateKey } = await generateKeyPair("RS256");
      const res = await post(await tool.sign(response(platform.clientId, platform.issuer), { key: privateKey }));
      expect(res.status).to.equal(404);
      expect(await res.text()).to.include("Signature verification failed");
      expect(platform.deepLinkResponses).to.have.length(0);
    });
  });
});
