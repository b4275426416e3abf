import { expect } from "chai";
import {
  addDiscussion,
  deleteForumPost,
  getForumDiscussions,
  getForumsByCourses,
  MoodleMessageNotSentError,
  sendInstantMessages,
  type InstantMessage,
} from "../../src/index.js";
import { expectRecordedBody } from "../support/expect-recorded-body.js";
import { startFakeMoodle, type FakeMoodle } from "../support/fake-moodle.js";
import { clientFor } from "../support/test-client.js";

describe("forum and message wrappers", () => {
  let fake: FakeMoodle;
  beforeEach(async () => (fake = await startFakeMoodle()));
  afterEach(async () => fake.close());

  it("getForumsByCourses finds the news forum of BK101", async () => {
    const forums = await getForumsByCourses(clientFor(fake), [2]);
    expect(forums).to.have.length(1);
    expect(forums[0]).to.include({ id: 1, type: "news", cmid: 1, forcesubscribe: 1 });
    expectRecordedBody(fake, "mod_forum_get_forums_by_courses");
  });

  it("addDiscussion sends the attachment's draft item id as the attachmentsid option", async () => {
    const recorded = fake.fixtures.get("mod_forum_add_discussion")?.params as { subject: string; message: string };
    const result = await addDiscussion(clientFor(fake), {
      forumid: 1,
      subject: recorded.subject,
      message: recorded.message,
      groupid: 0,
      discussionsubscribe: true,
      discussionpinned: false,
      attachmentsid: 80556094,
    });
    expect(result).to.deep.equal({ discussionid: 1, warnings: [] });
    expectRecordedBody(fake, "mod_forum_add_discussion");
    expect(fake.calls.at(-1)?.params["options"]).to.deep.include({ name: "attachmentsid", value: "80556094" });
  });

  it("getForumDiscussions returns the discussions with the attachment URL", async () => {
    const { discussions } = await getForumDiscussions(clientFor(fake), { forumid: 1 });
    expect(discussions.map((d) => d.id)).to.deep.equal([2, 1]);
    expect(discussions[1]?.attachments?.[0]?.fileurl).to.match(/mod_forum\/attachment\/1\/studiju-dienu-plans\.txt$/);
    expectRecordedBody(fake, "mod_forum_get_forum_discussions");
  });

  it("deleteForumPost reports status true", async () => {
    const result = await deleteForumPost(clientFor(fake), 2);
    expect(result.status).to.equal(true);
    expectRecordedBody(fake, "mod_forum_delete_post");
  });

  it("sendInstantMessages returns both sent messages with their ids", async () => {
    const messages = (fake.fixtures.get("core_message_send_instant_messages")?.params as { messages: InstantMessage[] })
      .messages;
    const result = await sendInstantMessages(clientFor(fake), messages);
    expect(result.messages.map((m) => m.msgid)).to.deep.equal([1, 2]);
    expect(result.messages[0]?.clientmsgid).to.equal("lti-att-0001");
    expect(result.failed).to.deep.equal([]);
    expectRecordedBody(fake, "core_message_send_instant_messages");
  });

  it("sendInstantMessages lists a message to an unknown user as failed (msgid -1)", async () => {
    const result = await sendInstantMessages(clientFor(fake), [{ touserid: 9999, text: "test" }]);
    expect(result.failed).to.deep.equal([
      { index: 0, touserid: 9999, errormessage: "You cannot send a message to a user ID (9999) that doesn't exist." },
    ]);
  });

  it("sendInstantMessages in strict mode throws MoodleMessageNotSentError naming the user", async () => {
    const error = await sendInstantMessages(clientFor(fake), [{ touserid: 9999, text: "test" }], {
      strict: true,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(MoodleMessageNotSentError);
    const notSent = error as MoodleMessageNotSentError;
    expect(notSent.errorcode).to.equal("messagenotsent");
    expect(notSent.message).to.contain("to user 9999");
    expect(notSent.failures).to.have.length(1);
    expect(notSent.results).to.have.length(1);
  });
});
