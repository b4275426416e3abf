import { expect } from "chai";
import { addDiscussion, MoodleUploadError, uploadDraftFiles, uploadFile } from "../../src/index.js";
import { expectRecordedBody } from "../support/expect-recorded-body.js";
import { startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

describe("file upload wrappers", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());

  it("uploadFile sends base64 content to the user's draft area and returns the draft item id", async () => {
    const recorded = fake.fixtures.get("core_files_upload")?.params as { filecontent: string; filename: string };
    const content = Buffer.from(recorded.filecontent, "base64");
    const file = await uploadFile(clientFor(fake), { userid: 2, filename: recorded.filename, content });
    expect(file).to.include({ itemid: 80556094, filearea: "draft", component: "user", contextid: 5 });
    expectRecordedBody(fake, "core_files_upload");
  });

  it("uploadDraftFiles posts multipart files to /webservice/upload.php with the token", async () => {
    const files = await uploadDraftFiles(clientFor(fake), [
      { filename: "grafiks.txt", content: "Grafiks: 27.11. SD\n", contentType: "text/plain" },
      { filename: "plans.txt", content: new TextEncoder().encode("plāns") },
    ]);
    expect(files.map((f) => f.filename)).to.deep.equal(["grafiks.txt", "plans.txt"]);
    expect(files[0]?.userid).to.equal(2); // recorded as the string "2"
    expect(files[0]?.itemid).to.equal(files[1]?.itemid);
    const call = fake.calls.at(-1);
    expect(call?.path).to.equal("/webservice/upload.php");
    expect(call?.token).to.equal(fake.token);
    expect(call?.form["filearea"]).to.equal("draft");
    expect(call?.files.map((f) => [f.field, f.filename, f.text])).to.deep.equal([
      ["file_1", "grafiks.txt", "Grafiks: 27.11. SD\n"],
      ["file_2", "plans.txt", "plāns"],
    ]);
  });

  it("an uploaded file's item id goes into a forum post as its attachment", async () => {
    const client = clientFor(fake);
    const [file] = await uploadDraftFiles(client, [{ filename: "plans.txt", content: "x" }]);
    await addDiscussion(client, { forumid: 1, subject: "S", message: "M", attachmentsid: file?.itemid });
    expect(fake.calls.at(-1)?.form["options[0][value]"]).to.equal(String(file?.itemid));
  });

  it("uploadDraftFiles with a bad token throws MoodleUploadError from the endpoint's own error shape", async () => {
    const client = clientFor(fake, { token: "INVALID" });
    const error = await uploadDraftFiles(client, [{ filename: "a.txt", content: "a" }]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleUploadError);
    expect((error as MoodleUploadError).errorcode).to.equal("invalidtoken");
    expect((error as MoodleUploadError).message).to.contain("Invalid token - token not found");
  });
});
