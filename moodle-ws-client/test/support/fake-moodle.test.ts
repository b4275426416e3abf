import { expect } from "chai";
import { FakeReply, startFakeMoodle, UPLOAD_ENDPOINT, type FakeMoodle } from "./fake-moodle.js";
import { fixturesDir } from "./load-fixtures.js";

async function post(fake: FakeMoodle, body: string): Promise<{ status: number; json: unknown; type: string }> {
  const res = await fetch(`${fake.baseUrl}/webservice/rest/server.php`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, type: res.headers.get("content-type") ?? "" };
}

describe("fake Moodle", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());

  it("listens on 127.0.0.1 and finds the recordings kept in the repo", () => {
    expect(fake.baseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fixturesDir()).to.match(/test\/fixtures\/moodle-ws\/?$/);
    expect(fake.fixtures.size).to.be.greaterThan(50);
  });

  it("answers a recorded function with the recorded response and records the call", async () => {
    const res = await post(
      fake,
      `wstoken=${fake.token}&wsfunction=core_group_get_group_members&moodlewsrestformat=json&groupids%5B0%5D=1`,
    );
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal(fake.fixture("core_group_get_group_members"));
    expect(fake.calls[0]?.params).to.deep.equal({ groupids: ["1"] });
    expect(fake.calls[0]?.form["groupids[0]"]).to.equal("1");
  });

  it("answers errors with HTTP 200, as Moodle does", async () => {
    const res = await post(fake, "wstoken=nope&wsfunction=core_webservice_get_site_info&moodlewsrestformat=json");
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.include({ errorcode: "invalidtoken" });
  });

  it("refuses functions outside the service list with accessexception", async () => {
    const res = await post(fake, `wstoken=${fake.token}&wsfunction=core_user_delete_users&moodlewsrestformat=json`);
    expect(res.json).to.deep.include({ exception: "webservice_access_exception", errorcode: "accessexception" });
  });

  it("answers XML when moodlewsrestformat=json is missing", async () => {
    const res = await post(fake, `wstoken=${fake.token}&wsfunction=core_webservice_get_site_info`);
    expect(res.type).to.contain("xml");
  });

  it("setResponse overrides a function, and clearResponses restores the recording", async () => {
    fake.setResponse("core_group_get_course_groups", new FakeReply({ status: 500, raw: "boom" }));
    const body = `wstoken=${fake.token}&wsfunction=core_group_get_course_groups&moodlewsrestformat=json&courseid=2`;
    expect((await post(fake, body)).status).to.equal(500);
    fake.clearResponses();
    expect((await post(fake, body)).json).to.deep.equal(fake.fixture("core_group_get_course_groups"));
  });

  it("answers the upload endpoint with its own error shape for a bad token", async () => {
    const form = new FormData();
    form.append("token", "bad");
    form.append("file_1", new Blob(["x"]), "x.txt");
    const res = await fetch(`${fake.baseUrl}${UPLOAD_ENDPOINT}`, { method: "POST", body: form });
    expect(await res.json()).to.deep.include({ error: "Invalid token - token not found", errorcode: "invalidtoken" });
  });

  it("setPortClosed refuses connections and reopens on the same port", async () => {
    await fake.setPortClosed(true);
    const refused = await fetch(`${fake.baseUrl}/`).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(Error);
    await fake.setPortClosed(false);
    const res = await post(
      fake,
      `wstoken=${fake.token}&wsfunction=core_webservice_get_site_info&moodlewsrestformat=json`,
    );
    expect(res.json).to.have.property("sitename", "Lab Moodle");
  });
});
