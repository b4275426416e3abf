import { expect } from "chai";
import { and, eq } from "drizzle-orm";
import { ltiStore } from "../../src/db/schema.js";
import { LtiStoragePlugin } from "../../src/lti/storage-plugin.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";

describe(`ltijs storage plugin on ${TEST_DB_KIND}`, () => {
  let database: TestDatabase;
  let clock: Date;
  let store: LtiStoragePlugin;
  const KEY = "an-encryption-key-for-tests-only-0123456789";

  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.destroy());
  beforeEach(async () => {
    await database.db.delete(ltiStore);
    clock = new Date("2026-11-23T09:00:00Z");
    store = new LtiStoragePlugin(database.db, () => clock);
  });

  it("answers false, as ltijs expects, when nothing matches", async () => {
    expect(await store.Get(false, "platform", { platformUrl: "https://nowhere" })).to.equal(false);
  });

  it("inserts and finds documents by any of their fields", async () => {
    await store.Insert(false, "platform", {
      platformUrl: "https://moodle.lv",
      clientId: "a",
      kid: "k1",
      authConfig: { method: "JWK_SET", key: "u" },
    });
    await store.Insert(false, "platform", { platformUrl: "https://moodle.lv", clientId: "b", kid: "k2" });
    const both = await store.Get(false, "platform", { platformUrl: "https://moodle.lv" });
    expect(both).to.have.length(2);
    const one = await store.Get(false, "platform", { platformUrl: "https://moodle.lv", clientId: "b" });
    expect(one && one[0]).to.include({ kid: "k2" });
    const all = await store.Get(false, "platform");
    expect(all).to.have.length(2);
  });

  it("Replace upserts: a second Replace of the same document leaves one row with the new content", async () => {
    await store.Replace(false, "idtoken", { iss: "i", user: "4" }, { iss: "i", user: "4", v: 1 });
    await store.Replace(false, "idtoken", { iss: "i", user: "4" }, { iss: "i", user: "4", v: 2 });
    const rows = await store.Get(false, "idtoken", { iss: "i", user: "4" });
    expect(rows).to.have.length(1);
    expect(rows && rows[0]).to.include({ v: 2 });
  });

  it("Replace stays one row when twenty launches replace the same token at once", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, v) =>
        store.Replace(false, "contexttoken", { contextId: "c", user: "7" }, { contextId: "c", user: "7", v }),
      ),
    );
    const rows = await database.db.select().from(ltiStore).where(eq(ltiStore.collection, "contexttoken"));
    expect(rows).to.have.length(1);
  });

  it("Replace takes over a document that Insert wrote (ltijs does this with platformStatus)", async () => {
    await store.Insert(false, "platformStatus", { id: "p1", active: false });
    await store.Replace(false, "platformStatus", { id: "p1" }, { id: "p1", active: true });
    const rows = await store.Get(false, "platformStatus", { id: "p1" });
    expect(rows).to.have.length(1);
    expect(rows && rows[0]).to.include({ active: true });
  });

  it("answers platform lookups from its short cache, and forgets them on every write", async () => {
    await store.Insert(false, "platform", { platformUrl: "c", clientId: "1", platformName: "A" });
    expect((await store.Get(false, "platform", { platformUrl: "c" })) && true).to.equal(true);
    await store.Modify(false, "platform", { platformUrl: "c" }, { platformName: "B" });
    const rows = await store.Get(false, "platform", { platformUrl: "c" });
    expect(rows && rows[0]).to.include({ platformName: "B" });
    await store.Delete("platform", { platformUrl: "c" });
    expect(await store.Get(false, "platform", { platformUrl: "c" })).to.equal(false);
  });

  it("Modify changes only the first match and keeps the other fields", async () => {
    await store.Insert(false, "platform", { platformUrl: "u", clientId: "a", platformName: "Old", kid: "k" });
    await store.Modify(false, "platform", { platformUrl: "u", clientId: "a" }, { platformName: "New" });
    const rows = await store.Get(false, "platform", { kid: "k" });
    expect(rows && rows[0]).to.include({ platformName: "New", clientId: "a" });
  });

  it("Delete removes every match and nothing else; an undefined field never means 'everything'", async () => {
    await store.Insert(false, "publickey", { kid: "a" });
    await store.Insert(false, "publickey", { kid: "b" });
    await store.Delete("publickey", { kid: undefined });
    expect(await store.Get(false, "publickey")).to.have.length(2);
    await store.Delete("publickey", { kid: "a" });
    const left = await store.Get(false, "publickey");
    expect(left && left.map((r) => r.kid)).to.deep.equal(["b"]);
  });

  it("keeps encrypted documents unreadable at rest and decrypts them for ltijs", async () => {
    const secret = "-----BEGIN RSA PRIVATE KEY-----secret-----END RSA PRIVATE KEY-----";
    await store.Replace(
      KEY,
      "privatekey",
      { kid: "k9" },
      { key: secret, kid: "k9" },
      { kid: "k9", platformUrl: "u", clientId: "c" },
    );
    const [raw] = await database.db
      .select()
      .from(ltiStore)
      .where(and(eq(ltiStore.collection, "privatekey")));
    expect(JSON.stringify(raw)).not.to.include("secret");
    expect(raw?.doc).to.deep.equal({ kid: "k9", platformUrl: "u", clientId: "c" });
    const back = await store.Get(KEY, "privatekey", { kid: "k9" });
    expect(back && back[0]).to.include({ key: secret });
    let failed = false;
    await store.Get("another-key-entirely-000000000000000", "privatekey", { kid: "k9" }).catch(() => (failed = true));
    expect(failed, "a wrong key must not decrypt").to.equal(true);
  });

  it("re-encrypts on Modify of an encrypted document", async () => {
    await store.Insert(
      KEY,
      "accesstoken",
      { token: { access_token: "t1", expires_in: 3600 } },
      { platformUrl: "u", clientId: "c", scopes: "s" },
    );
    await store.Modify(KEY, "accesstoken", { platformUrl: "u" }, { token: { access_token: "t2", expires_in: 3600 } });
    const rows = await store.Get(KEY, "accesstoken", { platformUrl: "u" });
    expect(rows && (rows[0]?.token as { access_token: string }).access_token).to.equal("t2");
    expect(rows && typeof rows[0]?.createdAt).to.equal("number");
  });

  it("never returns an expired nonce, state or token, and purges them", async () => {
    await store.Insert(false, "nonce", { nonce: "n1" });
    await store.Insert(false, "state", { state: "s1" });
    await store.Insert(false, "platform", { platformUrl: "kept" });
    clock = new Date(clock.getTime() + 599_000);
    expect(await store.Get(false, "nonce", { nonce: "n1" })).to.have.length(1);
    clock = new Date(clock.getTime() + 2_000);
    expect(await store.Get(false, "nonce", { nonce: "n1" })).to.equal(false);
    expect(await store.Get(false, "state", { state: "s1" })).to.equal(false);
    expect(await store.purgeExpired()).to.equal(2);
    expect(await store.Get(false, "platform", { platformUrl: "kept" })).to.have.length(1);
  });

  it("expires access tokens after an hour and id tokens after a day", async () => {
    await store.Insert(
      KEY,
      "accesstoken",
      { token: { access_token: "x" } },
      { platformUrl: "p", clientId: "c", scopes: "s" },
    );
    await store.Replace(false, "idtoken", { user: "1" }, { user: "1" });
    clock = new Date(clock.getTime() + 3601_000);
    expect(await store.Get(KEY, "accesstoken", { platformUrl: "p" })).to.equal(false);
    expect(await store.Get(false, "idtoken", { user: "1" })).to.have.length(1);
    clock = new Date(clock.getTime() + 24 * 3600_000);
    expect(await store.Get(false, "idtoken", { user: "1" })).to.equal(false);
  });
});
