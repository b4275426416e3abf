import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { sendDueMessages } from "../../src/notify/index.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { deliveriesOf, deliveryDeps, makeCourse, queueTest } from "./delivery-fixtures.js";
import { readMail } from "./smtp-sink.js";

const T0 = new Date("2026-10-16T09:00:00Z");

describe(`the outbox without SMTP: .eml files (${TEST_DB_KIND})`, function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let dir: string;

  before(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), "rollbook-outbox-"));
  });
  after(async () => {
    await database.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes each message to <outbox>/<id>.eml, the MIME SMTP would get, and marks it delivered", async () => {
    const deps = deliveryDeps(database.db, { outboxDir: join(dir, "outbox") });
    expect(deps.mail.kind).to.equal("files");
    const q = await queueTest(database.db, T0, { courseId: await makeCourse(database.db) });
    expect(await sendDueMessages(deps, T0)).to.include({ sent: 1 });
    const [row] = await deliveriesOf(database.db, q.messageId);
    expect(row).to.include({ state: "sent" });
    expect(await readdir(join(dir, "outbox"))).to.deep.equal([`${row!.id}.eml`]);
    const mail = readMail(await readFile(join(dir, "outbox", `${row!.id}.eml`), "utf8"));
    expect(mail.headers.subject).to.equal("Pārbaudes ziņa: e-pasts no Rollbook pienāk");
    expect(mail.headers.to).to.equal("Jānis Bērziņš <janis@example.lv>");
    expect(mail.text).to.include("Sestdiena, 17. oktobris, 10:15");
    expect(mail.html).to.include("Sestdiena, 17. oktobris, 10:15");
    deps.mail.close();
  });
});
