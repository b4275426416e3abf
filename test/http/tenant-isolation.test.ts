import { expect } from "chai";
import { asc, eq, sql } from "drizzle-orm";
import request from "supertest";
import type { Agent } from "supertest";
import { rowsOf } from "../../src/db/rows.js";
import { addPlatform } from "../../src/registration/add-platform.js";
import {
  activities,
  attendanceSessions,
  attendanceStatuses,
  attendanceStatusSets,
  courseGroups,
  courses,
  excuseFiles,
  excuses,
  moodleMessageRequests,
  notifyDeliveries,
  studyClasses,
  zoomHosts,
} from "../../src/db/schema.js";
import { queueMessage } from "../../src/notify/index.js";
import { signUnsubscribe } from "../../src/notify/unsubscribe-link.js";
import { launchTool } from "../support/lti-platform-launch.js";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { TEST_DB_KIND } from "../support/test-database.js";

/** The test app's encryption key: it signs check-in and unsubscribe links (test/support/test-app.ts). */
const LINK_KEY = "test-encryption-key-0123456789-abcdefghij";
/** Every text of tenant A's data carries this; a page of tenant B that shows it has leaked. */
const MARK = "Slepens-A";

interface Tenant {
  moodle: TestPlatform;
  platformId: string;
  courseId: number;
  activityId: number;
  admin: { agent: Agent; csrf: string };
  student: { agent: Agent; csrf: string };
}

/** A route as the express router holds it. */
interface RouteEntry {
  method: "get" | "post";
  path: string;
}

type Layer = {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
};

/** Every route of the app, read from its router (so a route added tomorrow is probed tomorrow). */
function routesOf(app: unknown): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      if (l.route) {
        for (const m of Object.keys(l.route.methods))
          if (m === "get" || m === "post") out.push({ method: m, path: prefix + l.route.path });
      } else if (l.handle?.stack) {
        walk(l.handle.stack, prefix + (typeof l.rawPath === "string" && l.rawPath !== "/" ? l.rawPath : ""));
      }
    }
  };
  walk((app as { router: { stack: Layer[] } }).router.stack, "");
  return out;
}

/**
 * Two colleges on one deployment with the same Moodle course id, user ids and activity title. Tenant B's
 * administrator and student then ask for every route of the app with tenant A's ids (and with B's own activity
 * and A's other ids): no answer may show A's data, and no row outside B's own may change.
 */
describe(`two tenants on one deployment, every route (${TEST_DB_KIND})`, function () {
  this.timeout(300_000);
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  const aIds: Record<string, string> = {};

  const launch = async (moodle: TestPlatform, kind: "admin" | "learner") => {
    const agent = request.agent(t.baseUrl);
    const l = await launchTool(agent, moodle, {
      kind,
      overrides: { "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "lv" } },
    });
    expect(l.response.status, l.response.text).to.equal(302);
    const session = await l.follow();
    expect(session.status, session.text).to.equal(303);
    const landing = session.headers.location as string;
    const page = await agent.get(landing);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
    return { agent, landing, csrf };
  };

  const tenant = async (name: string): Promise<Tenant> => {
    const moodle = await startTestPlatform({ toolUrl: t.baseUrl });
    await addPlatform(t.lti, {
      name,
      issuer: moodle.issuer,
      clientId: moodle.clientId,
      authEndpoint: moodle.authEndpoint,
      tokenEndpoint: moodle.tokenEndpoint,
      jwksUrl: moodle.jwksUrl,
      active: true,
    });
    const admin = await launch(moodle, "admin");
    const student = await launch(moodle, "learner");
    const activityId = Number(/^\/activities\/(\d+)/.exec(admin.landing)?.[1]);
    const [row] = await t.database.db
      .select({ courseId: courses.id, platformId: courses.platformId })
      .from(activities)
      .innerJoin(courses, eq(courses.id, activities.courseId))
      .where(eq(activities.id, activityId));
    return { moodle, activityId, ...row!, admin, student };
  };

  before(async () => {
    t = await startTestApp();
    a = await tenant("Koledža A");
    b = await tenant("Koledža B");
    expect(a.platformId).not.to.equal(b.platformId);
    const db = t.database.db;
    // tenant A's data, every kind a route can name, each text carrying MARK
    const post = (path: string, fields: Record<string, string>) =>
      a.admin.agent
        .post(path)
        .type("form")
        .send({ _csrf: a.admin.csrf, ...fields })
        .redirects(0);
    const act = `/activities/${a.activityId}`;
    expect(
      (
        await post(`${act}/attendance/sessions`, {
          date: "2025-10-01",
          startTime: "09:00",
          endTime: "10:30",
          description: `${MARK} lekcija`,
        })
      ).status,
    ).to.equal(303);
    const [session] = await db.select().from(attendanceSessions).orderBy(asc(attendanceSessions.id));
    expect((await post(`${act}/groups`, { name: `${MARK} grupa` })).status).to.be.oneOf([303, 200]);
    const [group] = await db.select().from(courseGroups).where(eq(courseGroups.courseId, a.courseId));
    const [set] = await db.select().from(attendanceStatusSets).where(eq(attendanceStatusSets.activityId, a.activityId));
    const [status] = await db.select().from(attendanceStatuses).where(eq(attendanceStatuses.setId, set!.id));
    const [host] = await db
      .insert(zoomHosts)
      .values({ platformId: a.platformId, email: "zoom@slepens-a.lv" })
      .returning();
    const [klass] = await db
      .insert(studyClasses)
      .values({
        platformId: a.platformId,
        naturalKey: "a-1",
        classDate: "2026-10-17",
        startsAt: new Date("2026-10-17T06:00:00Z"),
        endsAt: new Date("2026-10-17T09:00:00Z"),
        courseRef: "SA101",
        courseTitle: `${MARK} kurss`,
        lecturerName: `${MARK} Ūdre`,
        lecturerEmail: "lektors@slepens-a.lv",
      })
      .returning();
    await db
      .insert(moodleMessageRequests)
      .values({ courseId: a.courseId, requestId: "req-a-1", senderUserId: "2", text: `${MARK} ziņa` });
    await queueMessage(db, {
      platformId: a.platformId,
      courseId: a.courseId,
      kind: "notice",
      dedupeKey: "a-notice-1",
      recipients: [{ userId: "4", email: "students@slepens-a.lv", name: `${MARK} Ķēniņa` }],
      data: { title: `${MARK} paziņojums`, body: MARK, at: "2026-10-17T06:00:00Z" },
      now: new Date(),
    });
    const [delivery] = await db.select().from(notifyDeliveries);
    const [excuse] = await db
      .insert(excuses)
      .values({
        activityId: a.activityId,
        sessionId: session!.id,
        userId: "4",
        reason: `${MARK} iemesls`,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning();
    await db
      .insert(excuseFiles)
      .values({ excuseId: excuse!.id, fileName: "slepens-a.pdf", size: MARK.length, bytes: Buffer.from(MARK) });
    Object.assign(aIds, {
      activityId: String(a.activityId),
      sessionId: String(session!.id),
      groupId: String(group!.id),
      setId: String(set!.id),
      statusId: String(status!.id),
      hostId: String(host!.id),
      classId: String(klass!.id),
      requestId: "req-a-1",
      deliveryId: String(delivery!.id),
      excuseId: String(excuse!.id),
      date: "2026-10-17",
      userId: "4",
      change: "hide",
      step: "plan",
    });
  });
  after(async () => {
    await a?.moodle.close();
    await b?.moodle.close();
    await t?.close();
  });

  /** Every row of the application's tables that is not tenant B's own, as text, to compare before and after. */
  const notB = async (): Promise<string[]> => {
    const skip = new Set(["lti_store", "app_sessions", "checkin_attempts", "checkin_devices", "checkin_pending"]);
    const tables = rowsOf<{ table_name: string }>(
      await t.database.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    );
    const out: string[] = [];
    for (const { table_name: name } of tables) {
      if (skip.has(name) || name.startsWith("__drizzle")) continue;
      const rows = rowsOf<Record<string, unknown>>(await t.database.db.execute(sql.raw(`select * from "${name}"`)));
      for (const row of rows) {
        const isB =
          row.platform_id === b.platformId ||
          row.course_id === b.courseId ||
          row.activity_id === b.activityId ||
          (name === "courses" && row.id === b.courseId) ||
          (name === "activities" && row.id === b.activityId);
        if (!isB) out.push(`${name} ${JSON.stringify(row, (_k, v: unknown) => (v instanceof Date ? v.getTime() : v))}`);
      }
    }
    return out.sort();
  };

  /** A value for each route parameter: tenant A's, or (for `:activityId` in the mixed probe) B's own. */
  const TOKEN_PARAMS = new Set(["token"]);
  const valueFor = (param: string, mixed: boolean): string => {
    if (param === "activityId") return mixed ? String(b.activityId) : aIds.activityId!;
    if (param in aIds) return aIds[param]!;
    throw new Error(`route parameter :${param} has no tenant-A value: add one to this test`);
  };
  /** A form body that gets past each form's checks, so a missing scope check shows, not a validation error. */
  const body = (csrf: string) => ({
    _csrf: csrf,
    date: "2025-10-08",
    startTime: "09:00",
    endTime: "10:30",
    description: "B probe",
    name: "B probe",
    title: "B probe",
    acronym: "Z",
    points: "1",
    text: "B probe",
    email: "probe@b.lv",
    userId: "4",
    [`s_4`]: aIds.statusId!,
    [`o_4`]: "",
    [`r_4`]: "B probe",
    [`or_4`]: "",
    sessionIds: aIds.sessionId!,
    action: "delete",
    isEnabled: "on",
    method: "password",
    password: "probe",
    code: "probe",
    members: "4",
    retry: "failed",
  });

  it("probes every route with tenant A's ids as tenant B, and finds nothing of A shown or changed", async () => {
    const routes = routesOf(t.app).filter((r) => r.path.includes(":"));
    expect(routes.length).to.be.greaterThan(40);
    const links: Record<string, string> = {
      "/c/:token": `/c/${(await import("../../src/checkin/checkin-link.js")).signLink(LINK_KEY, { sessionId: Number(aIds.sessionId), code: "x" })}`,
      "/notify/unsubscribe/:token": `/notify/unsubscribe/${signUnsubscribe(LINK_KEY, { platformId: a.platformId, userId: "4", kind: "notice" })}`,
    };
    const before = await notB();
    const problems: string[] = [];
    let probes = 0;
    for (const route of routes) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      if (route.path.startsWith("/demo/") || route.path.startsWith("/deep-link/")) continue; // not tenant data (below)
      const variants = params.some((p) => TOKEN_PARAMS.has(p))
        ? [links[route.path] ?? ""]
        : [false, true]
            .filter((mixed) => !mixed || params.some((p) => p !== "activityId"))
            .map((mixed) => route.path.replace(/:(\w+)/g, (_m, p: string) => valueFor(p, mixed)));
      // an unsubscribe link is a capability for its one reader (one click, no login, by design): holding A's link
      // may opt A's reader out, so only its page is probed; its payload binds it to A's platform (notify/rules.test.ts)
      if (route.path === "/notify/unsubscribe/:token" && route.method === "post") continue;
      // likewise a lecturer's study-day link shows that lecturer's classes to whoever holds it (no Moodle login)
      if (route.path === "/studyday/l/:token") continue;
      for (const path of variants) {
        for (const who of [b.admin, b.student]) {
          probes++;
          const res =
            route.method === "get"
              ? await who.agent.get(path).redirects(0)
              : await who.agent.post(path).type("form").send(body(who.csrf)).redirects(0);
          const shown = `${res.text ?? ""}${JSON.stringify(res.headers)}`;
          if (shown.includes(MARK) || shown.toLowerCase().includes("slepens-a"))
            problems.push(`${route.method.toUpperCase()} ${path}: shows tenant A's data (${res.status})`);
          if (res.status < 400 && !TOKEN_PARAMS.has(params[0]!) && path.includes(`/activities/${aIds.activityId}/`))
            problems.push(`${route.method.toUpperCase()} ${path}: answered ${res.status} to another tenant`);
          if (res.status >= 500) problems.push(`${route.method.toUpperCase()} ${path}: ${res.status}`);
        }
      }
    }
    const after = await notB();
    const changed = after.filter((row) => !before.includes(row)).concat(before.filter((row) => !after.includes(row)));
    expect(problems, problems.join("\n")).to.deep.equal([]);
    expect(changed, changed.join("\n")).to.deep.equal([]);
    expect(probes).to.be.greaterThan(150);
  });

  it("keeps tenant B's own pages to B: the same course id and activity title show none of A's data", async () => {
    const pages = [
      `/activities/${b.activityId}/attendance/sessions`,
      `/activities/${b.activityId}/attendance/report`,
      `/activities/${b.activityId}/groups`,
      `/activities/${b.activityId}/outbox`,
      `/activities/${b.activityId}/study-days`,
      `/activities/${b.activityId}/study-days/days/2026-10-17`,
      `/activities/${b.activityId}/study-days/days/2026-10-17/timeline`,
      `/activities/${b.activityId}/followup`,
      `/activities/${b.activityId}/excuses`,
      `/activities/${b.activityId}/study-days/settings`,
      `/activities/${b.activityId}/messages`,
      `/activities/${b.activityId}/attendance/export.csv`,
    ];
    for (const page of pages) {
      const res = await b.admin.agent.get(page).redirects(0);
      expect(res.status, `${page}: ${res.text?.slice(0, 300)}`).to.be.lessThan(400);
      expect(res.text ?? "", page).not.to.include(MARK);
      expect((res.text ?? "").toLowerCase(), page).not.to.include("slepens-a");
    }
    // and A's own pages do show it: the marker is real
    const own = await a.admin.agent.get(`/activities/${a.activityId}/attendance/sessions`).expect(200);
    expect(own.text).to.include(MARK);
  });
});
