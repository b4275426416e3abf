import { expect } from "chai";
import { decodeJwt, generateKeyPair, SignJWT } from "jose";
import request from "supertest";
import { KeySetCache, kidOf } from "../../src/lti/jwks-cache.js";
import { launchTool } from "../support/lti-platform-launch.js";
import type { TestPlatform } from "../support/lti-platform.js";
import { withRegisteredApp } from "../support/registered-platform.js";
import type { TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

describe("KeySetCache", () => {
  const set = (...kids: string[]) => ({ keys: kids.map((kid) => ({ kid })) });

  it("keeps a key set for its time, reads it again after, and at once for a kid it lacks", async () => {
    let clock = 0;
    let reads = 0;
    let served = set("a");
    const cache = new KeySetCache(60_000, () => clock);
    const fetch = async () => (reads++, served);
    expect(await cache.get("https://m/certs.php", "a", fetch)).to.deep.equal(set("a"));
    clock = 59_999;
    await cache.get("https://m/certs.php", "a", fetch);
    expect(reads).to.equal(1);
    clock = 60_000;
    await cache.get("https://m/certs.php", "a", fetch);
    expect(reads).to.equal(2);
    served = set("b");
    expect(await cache.get("https://m/certs.php", "b", fetch)).to.deep.equal(set("b"));
    expect(reads).to.equal(3);
    await cache.get("https://other/certs.php", "b", fetch);
    expect(reads).to.equal(4);
  });

  it("reads the kid from a token's header, and nothing from anything else", () => {
    const header = Buffer.from(JSON.stringify({ alg: "RS256", kid: "6cf471a72001324c62f2" })).toString("base64url");
    expect(kidOf(`${header}.e30.sig`)).to.equal("6cf471a72001324c62f2");
    expect(kidOf("not-a-token")).to.equal(null);
    expect(kidOf(undefined)).to.equal(null);
    expect(kidOf(`${Buffer.from("{}").toString("base64url")}.e30.sig`)).to.equal(null);
  });
});

describe(`Moodle's key set between launches (${TEST_DB_KIND})`, function () {
  this.timeout(60_000);
  let t: TestApp;
  let moodle: TestPlatform;
  withRegisteredApp((app) => ({ t, moodle } = app));
  const launch = (opts: Parameters<typeof launchTool>[2] = { kind: "learner" }) =>
    launchTool(request.agent(t.baseUrl), moodle, opts);

  it("reads certs.php once for many launches, again at once when Moodle's key changes, and still refuses a key it never had", async () => {
    const before = moodle.keySetReads();
    for (let i = 0; i < 3; i++) expect((await launch()).response.status).to.equal(302);
    expect(moodle.keySetReads() - before).to.equal(1);

    await moodle.rotateKeys();
    expect((await launch()).response.status).to.equal(302); // the new kid is not in the kept set: read again, accepted
    expect(moodle.keySetReads() - before).to.equal(2);
    expect((await launch()).response.status).to.equal(302);
    expect(moodle.keySetReads() - before).to.equal(2);

    const other = await generateKeyPair("RS256");
    const forged = await launch({
      kind: "learner",
      tamper: async (token) =>
        new SignJWT(decodeJwt(token))
          .setProtectedHeader({ alg: "RS256", kid: "0123456789abcdef0123" })
          .sign(other.privateKey),
    });
    expect(forged.response.status).to.equal(401);
  });
});
