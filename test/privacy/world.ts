import type { Db } from "../../src/db/client.js";
import * as t from "../../src/db/schema.js";
import type { Person } from "../../src/privacy/index.js";

/** One platform of the privacy tests, with a row about student "4" and lecturer "3" in every table that has one. */
export interface PlatformWorld {
  /** The platform as the command line lists it (id, issuer, client id). */
  id: string;
  platformId: string;
  issuer: string;
  clientId: string;
  courseId: number;
  activityId: number;
  sessionIds: [number, number];
  status: { P: number; A: number };
  classId: number;
  /** Text only this platform's rows hold: an export of another platform must not contain it. */
  marker: string;
  person(userId: string, emails?: string[]): Person;
}

const at = (iso: string) => new Date(iso);

/**
 * The same course id, user ids, names and addresses on every platform (as two colleges' Moodles would have), so
 * only the platform tells the people apart. Straight inserts: every table the privacy feature knows gets a row.
 */
export async function seedPlatform(
  db: Db,
  platformId: string,
  registered: { issuer?: string; clientId?: string; marker?: string } = {},
): Promise<PlatformWorld> {
  const marker = registered.marker ?? `MARK-${platformId.toUpperCase()}`;
  const issuer = registered.issuer ?? `https://moodle-${platformId}.example.lv`;
  const clientId = registered.clientId ?? `client-${platformId}`;
  const [course] = await db.insert(t.courses).values({ platformId, contextId: "101", title: "BK101" }).returning();
  const courseId = course!.id;
  const [activity] = await db
    .insert(t.activities)
    .values({ courseId, linkKey: `lk-${platformId}`, resourceLinkId: "rl-1", title: "Apmeklējums", createdBy: "3" })
    .returning();
  const activityId = activity!.id;
  await db.insert(t.courseMembers).values([
    { courseId, userId: "3", name: "Ilze Ozoliņa", email: "ilze@example.lv", roles: ["Instructor"] },
    {
      courseId,
      userId: "4",
      name: "Anna Bērziņa",
      givenName: "Anna",
      familyName: "Bērziņa",
      email: "anna@example.lv",
      username: "anna",
      roles: ["Learner"],
      isLearner: true,
      locale: "lv",
    },
    { courseId, userId: "5", name: "Pēteris Kalns", email: "peteris@example.lv", roles: ["Learner"], isLearner: true },
  ]);
  const [group] = await db.insert(t.courseGroups).values({ courseId, name: "A1" }).returning();
  await db.insert(t.courseGroupMembers).values([
    { groupId: group!.id, courseId, userId: "4" },
    { groupId: group!.id, courseId, userId: "5" },
  ]);
  const [set] = await db.insert(t.attendanceStatusSets).values({ activityId }).returning();
  const [P, A] = await db
    .insert(t.attendanceStatuses)
    .values([
      { setId: set!.id, acronym: "P", defaultKey: "present", points: 2 },
      { setId: set!.id, acronym: "A", defaultKey: "absent", points: 0, position: 1 },
    ])
    .returning();
  const sessions = await db
    .insert(t.attendanceSessions)
    .values(
      ["2026-10-01", "2026-10-08"].map((d) => ({
        activityId,
        setId: set!.id,
        startsAt: at(`${d}T06:00:00Z`),
        endsAt: at(`${d}T07:30:00Z`),
        lecturerUserId: "3",
        createdBy: "3",
      })),
    )
    .returning();
  const [s1, s2] = sessions.map((s) => s.id) as [number, number];
  await db.insert(t.attendanceMarks).values([
    {
      sessionId: s1,
      userId: "4",
      statusId: A!.id,
      remark: `ārsta zīme ${marker}`,
      markedBy: "3",
      markedAt: at("2026-10-01T07:00:00Z"),
    },
    { sessionId: s2, userId: "4", statusId: P!.id, by: "self", markedBy: "4", markedAt: at("2026-10-08T06:01:00Z") },
    { sessionId: s1, userId: "5", statusId: P!.id, markedBy: "3", markedAt: at("2026-10-01T07:00:00Z") },
  ]);
  await db.insert(t.attendanceMarkHistory).values([
    {
      sessionId: s1,
      userId: "4",
      toStatusId: A!.id,
      toRemark: `ārsta zīme ${marker}`,
      by: "lecturer",
      changedBy: "3",
      changedAt: at("2026-10-01T07:00:00Z"),
    },
    {
      sessionId: s1,
      userId: "5",
      toStatusId: P!.id,
      by: "lecturer",
      changedBy: "3",
      changedAt: at("2026-10-01T07:00:00Z"),
    },
  ]);
  await db.insert(t.attendanceGradeQueue).values({ activityId, userId: "4", dueAt: at("2026-10-08T07:00:00Z") });
  const [excuse] = await db
    .insert(t.excuses)
    .values({
      activityId,
      sessionId: s1,
      userId: "4",
      reason: `slimība ${marker}`,
      state: "approved",
      decidedBy: "3",
      decidedByName: "Pēteris Ūdris",
      decidedAt: at("2026-10-02T07:00:00Z"),
      createdAt: at("2026-10-01T18:00:00Z"),
      updatedAt: at("2026-10-02T07:00:00Z"),
    })
    .returning();
  await db
    .insert(t.excuseFiles)
    .values({ excuseId: excuse!.id, fileName: "zīme.pdf", size: 4, bytes: Buffer.from("%PDF") });
  await db.insert(t.checkinAttempts).values([
    {
      sessionId: s2,
      userId: "4",
      outcome: "refused",
      reason: "wrong_code",
      via: "typed",
      ip: "10.0.0.4",
      userAgent: marker,
      at: at("2026-10-08T06:00:30Z"),
    },
    { sessionId: s2, userId: "4", outcome: "accepted", via: "typed", ip: "10.0.0.4", at: at("2026-10-08T06:01:00Z") },
    { sessionId: s2, userId: "5", outcome: "accepted", via: "typed", ip: "10.0.0.5", at: at("2026-10-08T06:01:00Z") },
  ]);
  await db
    .insert(t.checkinDevices)
    .values({ sessionId: s2, deviceToken: `dev-${platformId}`, userId: "4", at: at("2026-10-08T06:01:00Z") });
  await db.insert(t.checkinGuessCounts).values([
    { sessionId: s2, who: "u:4", windowStart: at("2026-10-08T06:00:00Z"), count: 1 },
    { sessionId: s2, who: "ip:10.0.0.4", windowStart: at("2026-10-08T06:00:00Z"), count: 1 },
  ]);
  await db.insert(t.followupRules).values({
    activityId,
    config: {
      below: { isOn: true, percent: 75, minSessions: 1, toStudent: true, toLecturers: true, toMentors: true },
      consecutive: { isOn: false, count: 3, toStudent: true, toLecturers: true, toMentors: true },
      unexcused: { isOn: false, toStudent: true, toLecturers: true, toMentors: true },
      absenceStatusIds: null,
      delayMinutes: 0,
      mentorEmails: ["ilze@example.lv", "mentore@example.lv"],
    },
    createdAt: at("2026-09-01T00:00:00Z"),
    updatedBy: "3",
    updatedAt: at("2026-09-01T00:00:00Z"),
  });
  const message = async (kind: string, dedupeKey: string, data: Record<string, unknown>) => {
    const [m] = await db
      .insert(t.notifyMessages)
      .values({
        platformId,
        courseId,
        kind,
        dedupeKey,
        data,
        timezone: "Europe/Riga",
        createdAt: at("2026-10-02T00:00:00Z"),
      })
      .returning();
    return m!.id;
  };
  const delivery = (messageId: number, userId: string, email: string) => ({
    messageId,
    channel: "email" as const,
    userId,
    moodleUserId: userId,
    email,
    locale: "lv" as const,
    dueAt: at("2026-10-02T00:00:00Z"),
    giveUpAt: at("2026-10-03T00:00:00Z"),
    headerId: `<${messageId}.${userId}@rollbook>`,
    updatedAt: at("2026-10-02T00:00:00Z"),
  });
  const warningMessage = await message("followup-staff", "followup:a1:below:4:staff", {
    userId: "4",
    studentName: `Anna ${marker}`,
  });
  const contactMessage = await message("followup-contact", "followup:contact:1", { body: `Sveika! ${marker}` });
  const reminder = await message("student_reminder", "studyday:2026-10-17:class:1:students", { courseTitle: "BK101" });
  await db
    .insert(t.notifyDeliveries)
    .values([
      { ...delivery(warningMessage, "3", "ilze@example.lv"), moodleUserId: null },
      delivery(contactMessage, "4", "anna@example.lv"),
      delivery(reminder, "4", "anna@example.lv"),
      delivery(reminder, "5", "peteris@example.lv"),
    ]);
  await db.insert(t.followupWarnings).values({
    activityId,
    userId: "4",
    rule: "below",
    factKey: `below:75:1:4:s${s1}A`,
    sessionIds: [s1],
    percent: 0,
    inARow: 1,
    messageId: warningMessage,
    createdAt: at("2026-10-02T00:00:00Z"),
  });
  await db.insert(t.followupContacts).values({
    activityId,
    userId: "4",
    channel: "message",
    note: `zvanīju ${marker}`,
    byUserId: "3",
    byName: "Ilze Ozoliņa",
    contactedAt: at("2026-10-03T00:00:00Z"),
    messageId: contactMessage,
  });
  await db
    .insert(t.notifyOptOuts)
    .values({ platformId, userId: "4", kind: "notice", createdAt: at("2026-10-01T00:00:00Z") });
  const [request] = await db
    .insert(t.moodleMessageRequests)
    .values({ courseId, requestId: "r1", senderUserId: "3", text: `Lūdzu ${marker}` })
    .returning();
  await db.insert(t.moodleMessageRecipients).values([
    { messageRequestId: request!.id, userId: "4", status: "sent", msgid: 77 },
    { messageRequestId: request!.id, userId: "5", status: "sent", msgid: 78 },
  ]);
  await db
    .insert(t.moodleConnections)
    .values({ platformId, baseUrl: issuer, tokenSealed: "x", tokenHint: "abcd", updatedBy: "3" });
  await db.insert(t.planningCoordinators).values({ platformId, userId: "3", name: "Ilze Ozoliņa" });
  const [cls] = await db
    .insert(t.studyClasses)
    .values({
      platformId,
      naturalKey: "2026-10-17|09:00|BK101|A1",
      classDate: "2026-10-17",
      startsAt: at("2026-10-17T06:00:00Z"),
      endsAt: at("2026-10-17T07:30:00Z"),
      courseRef: "BK101",
      lecturerName: "Ilze Ozoliņa",
      lecturerEmail: "Ilze@Example.lv",
      groups: "A1",
    })
    .returning();
  const classId = cls!.id;
  await db.insert(t.classChanges).values({
    classId,
    kind: "imported",
    byUserId: "3",
    byName: "Ilze Ozoliņa",
    diff: {
      lecturerEmail: { from: null, to: "Ilze@Example.lv" },
      lecturerName: { from: null, to: "Ilze Ozoliņa" },
      room: { from: null, to: "101" },
    },
  });
  await db.insert(t.lecturerReplies).values({
    platformId,
    classDate: "2026-10-17",
    email: "ilze@example.lv",
    answer: "help",
    note: `projektors ${marker}`,
    updatedAt: at("2026-10-16T00:00:00Z"),
  });
  await db.insert(t.lecturerCounts).values({
    classId,
    platformId,
    classDate: "2026-10-17",
    email: "ilze@example.lv",
    attendees: 14,
    updatedAt: at("2026-10-17T08:00:00Z"),
  });
  await db.insert(t.studyDayAutomation).values({
    platformId,
    classDate: "2026-10-17",
    isPaused: true,
    changedBy: "3",
    updatedAt: at("2026-10-16T00:00:00Z"),
  });
  await seedLaunch(db, { platformId, issuer, clientId, courseId, activityId, marker });
  return {
    id: platformId,
    platformId,
    issuer,
    clientId,
    courseId,
    activityId,
    sessionIds: [s1, s2],
    status: { P: P!.id, A: A!.id },
    classId,
    marker,
    person: (userId, emails = []) => ({ platformId, userId, issuer, clientId, emails }),
  };
}

/** What a launch of student "4" leaves: ltijs's id and context tokens (as ltijs writes them) and a tool session. */
async function seedLaunch(
  db: Db,
  w: { platformId: string; issuer: string; clientId: string; courseId: number; activityId: number; marker: string },
) {
  const userInfo = { given_name: "Anna", family_name: "Bērziņa", name: "Anna Bērziņa", email: "anna@example.lv" };
  const contextId = encodeURIComponent(`${w.issuer}${w.clientId}1101_rl-1_${w.marker}`);
  await db.insert(t.ltiStore).values([
    {
      collection: "idtoken",
      doc: { iss: w.issuer, clientId: w.clientId, deploymentId: "1", user: "4", userInfo, platformId: w.platformId },
      replaceKey: `id-${w.platformId}-4`,
    },
    {
      collection: "contexttoken",
      doc: { contextId, user: "4", context: { id: "101" } },
      replaceKey: `ctx-${w.platformId}-4`,
    },
    { collection: "contexttoken", doc: { contextId, user: "5" }, replaceKey: `ctx-${w.platformId}-5` },
  ]);
  const actor = { platformId: w.platformId, userId: "4", name: "Anna Bērziņa", courseId: w.courseId };
  await db.insert(t.appSessions).values({
    id: `sess-${w.platformId}-4`,
    browserId: `browser-${w.platformId}`,
    kind: "resource",
    activityId: w.activityId,
    actor,
    expiresAt: at("2099-01-01T00:00:00Z"),
  });
}
