import { expect } from "chai";
import { eq } from "drizzle-orm";
import { studyClasses, studyDayAutomation } from "../../src/db/schema.js";
import { cancelClass } from "../../src/planning/cancel-class.js";
import { editClass } from "../../src/planning/edit-class.js";
import { renderMessage } from "../../src/notify/index.js";
import { readLecturerLink } from "../../src/planning/timeline/lecturer-link.js";
import { runDay } from "../../src/planning/timeline/run-day.js";
import { runDueSteps } from "../../src/planning/timeline/run-due-steps.js";
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from "../support/test-database.js";
import { coordinator } from "./fixtures.js";
import { DATE, dayMessages, dayPlus, KEY, makeWorld, stepStates, timelineDeps, type World } from "./timeline-world.js";

describe(`study-day timeline steps (${TEST_DB_KIND})`, function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let world: World;
  const db = () => database.db;

  beforeEach(async () => {
    database = await createTestDatabase();
    world = await makeWorld(db());
  });
  afterEach(() => database.destroy());

  it("checks the plan at T-7 and sends nothing before T-4", async () => {
    await runDueSteps(timelineDeps(db()), dayPlus(-7, 1));
    expect(await stepStates(db(), "plan")).to.deep.equal({
      [world.classes.a]: "done",
      [world.classes.b]: "done",
      [world.classes.c]: "done",
    });
    expect(await dayMessages(db())).to.deep.equal([]);
  });

  it("reports a class without a meeting as missing on the plan, and keeps it out of the reminders", async () => {
    await db().update(studyClasses).set({ joinUrl: null }).where(eq(studyClasses.id, world.classes.b));
    await runDueSteps(timelineDeps(db()), dayPlus(-4, 0.1));
    expect((await stepStates(db(), "plan"))[world.classes.b]).to.equal("failed:no_link");
    expect((await stepStates(db(), "lecturer_reminders"))[world.classes.b]).to.equal("failed:no_link");
    const ilze = (await dayMessages(db())).find((m) => m.kind === "lecturer_reminder" && m.to[0]!.startsWith("ilze"));
    expect((ilze!.data.classes as Array<{ id: number }>).map((c) => c.id)).to.deep.equal([world.classes.a]);
  });

  it("at T-4 queues one message per lecturer and one per class for its students; a second pass queues nothing", async () => {
    const deps = timelineDeps(db());
    await runDueSteps(deps, dayPlus(-4, 0.1));
    const first = await dayMessages(db());
    await runDueSteps(deps, dayPlus(-4, 0.2));
    await runDay(deps, "p1", DATE, dayPlus(-4, 0.3), { only: "lecturer_reminders" });
    expect(await dayMessages(db())).to.have.length(first.length);
    const summary = first.map((m) => [m.dedupeKey, m.kind, m.to]);
    const { a, b, c } = world.classes;
    expect(summary).to.deep.equal([
      [`studyday:${DATE}:class:${a}:lecturer-reminder:v1`, "lecturer_reminder", ["ilze@kolegija.lv:lv"]],
      [`studyday:${DATE}:class:${c}:lecturer-reminder:v1`, "lecturer_reminder", ["john.smith@kolegija.lv:en"]],
      [
        `studyday:${DATE}:class:${a}:student-reminder:v1`,
        "student_reminder",
        ["anna@students.lv:lv", "peteris@students.lv:lv"],
      ],
      [`studyday:${DATE}:class:${b}:student-reminder:v1`, "student_reminder", ["emily@students.lv:en"]],
      [
        `studyday:${DATE}:class:${c}:student-reminder:v1`,
        "student_reminder",
        ["anna@students.lv:lv", "emily@students.lv:en", "peteris@students.lv:lv"],
      ],
    ]);
    const ilze = first[0]!.data as { classes: Array<Record<string, unknown>>; replyUrl: string };
    expect(ilze.classes.map((x) => [x.id, x.meetingId, x.passcode])).to.deep.equal([
      [a, "857 4606 5431", "Xy7@k2Lm"],
      [b, "857 4606 5432", "Qw3*z9Rt"],
    ]);
    expect(JSON.stringify(first)).to.not.include("start_url");
    const token = ilze.replyUrl.split("/studyday/l/")[1]!;
    expect(readLecturerLink(KEY, token, dayPlus(7, 14))).to.deep.equal({
      ok: true,
      payload: { platformId: "p1", classDate: DATE, email: "ilze@kolegija.lv" },
    });
    expect(readLecturerLink(KEY, token, dayPlus(8, 15))).to.deep.equal({ ok: false, reason: "expired" });
    expect(
      readLecturerLink(
        KEY,
        token.replace(/.$/, (ch) => (ch === "A" ? "B" : "A")),
        dayPlus(1),
      ),
    ).to.deep.equal({
      ok: false,
      reason: "invalid",
    });
  });

  it("runs nothing by itself on a paused day", async () => {
    await db()
      .insert(studyDayAutomation)
      .values({ platformId: "p1", classDate: DATE, isPaused: true, updatedAt: dayPlus(-9) });
    await runDueSteps(timelineDeps(db()), dayPlus(-4, 1));
    expect(await dayMessages(db())).to.deep.equal([]);
    expect(await stepStates(db(), "plan")).to.deep.equal({});
  });

  it("sends cancellations at once to the lecturer and students of a class whose reminders went", async () => {
    await runDueSteps(timelineDeps(db()), dayPlus(-4, 0.1));
    await cancelClass(db(), coordinator({ platformId: "p1" }), world.classes.a, dayPlus(-2));
    const cancelled = (await dayMessages(db())).filter((m) => m.kind === "class_cancelled");
    expect(cancelled.map((m) => [m.dedupeKey, m.to])).to.deep.equal([
      [`studyday:${DATE}:class:${world.classes.a}:cancelled-lecturer:v1`, ["ilze@kolegija.lv:lv"]],
      [
        `studyday:${DATE}:class:${world.classes.a}:cancelled-students:v1`,
        ["anna@students.lv:lv", "peteris@students.lv:lv"],
      ],
    ]);
  });

  it("tells whoever got the reminders that a class changed, and what changed, in their language", async () => {
    await runDueSteps(timelineDeps(db()), dayPlus(-4, 0.1));
    const edit = {
      start: "13:00",
      end: "15:45",
      lecturerName: "Ilze Ozoliņa",
      lecturerEmail: "ilze@kolegija.lv",
      groups: "BVK-22",
      manualUrl: null,
    };
    await editClass(db(), coordinator({ platformId: "p1" }), world.classes.b, edit, dayPlus(-2));
    const changed = (await dayMessages(db())).filter((m) => m.kind === "class_changed");
    expect(changed.map((m) => [m.dedupeKey.replace(/:changed:\d+:/, ":changed:<at>:"), m.to])).to.deep.equal([
      [`studyday:${DATE}:class:${world.classes.b}:changed:<at>:lecturer:v1`, ["ilze@kolegija.lv:lv"]],
      [`studyday:${DATE}:class:${world.classes.b}:changed:<at>:students:v1`, ["emily@students.lv:en"]],
    ]);
    const en = await renderMessage({
      kind: "class_changed",
      locale: "en",
      data: changed[1]!.data,
      timezone: "Europe/Riga",
      toolName: "Rollbook",
    });
    expect(en.subject).to.equal("Changed: BK101 on Saturday, 17 October");
    expect(en.text).to.include("What changed: the time. The class now:");
    expect(en.text).to.include("13:00–15:45 · BK101");
    const lv = await renderMessage({
      kind: "class_changed",
      locale: "lv",
      data: changed[0]!.data,
      timezone: "Europe/Riga",
      toolName: "Rollbook",
    });
    expect(lv.text).to.include("Mainījies: laiks. Nodarbība tagad:");
  });

  it("tells nobody of a cancellation before the reminders, and leaves the class out of them", async () => {
    await cancelClass(db(), coordinator({ platformId: "p1" }), world.classes.a, dayPlus(-6));
    await runDueSteps(timelineDeps(db()), dayPlus(-4, 0.1));
    const msgs = await dayMessages(db());
    expect(msgs.filter((m) => m.kind === "class_cancelled")).to.deep.equal([]);
    expect((await stepStates(db(), "lecturer_reminders"))[world.classes.a]).to.equal("skipped:cancelled");
  });

  it("a worker back only after the day skips the reminders and publishing, and cleans up", async () => {
    await runDueSteps(timelineDeps(db()), dayPlus(3, 1));
    expect(await dayMessages(db())).to.deep.equal([]);
    expect(await stepStates(db(), "student_reminders")).to.deep.include({ [world.classes.a]: "skipped:too_late" });
    expect(await stepStates(db(), "publish")).to.deep.equal({ 0: "skipped:too_late" });
    expect(await stepStates(db(), "cleanup")).to.deep.equal({ 0: "done" });
    const rows = await db().select().from(studyClasses).where(eq(studyClasses.platformId, "p1"));
    expect(rows.map((r) => [r.joinUrl, r.passcode, r.manualUrl])).to.deep.equal([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect(rows.map((r) => r.meetingId).filter(Boolean)).to.have.length(2);
  });
});
