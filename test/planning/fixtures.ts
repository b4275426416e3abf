import type { Response } from "superagent";
import type { Actor } from "../../src/lti/actor.js";

/** A coordinator actor for module tests (no launch needed below the HTTP layer). */
export function coordinator(over: Partial<Actor> = {}): Actor {
  return {
    platformId: "platform-1",
    issuer: "https://moodle.example.lv",
    clientId: "client",
    deploymentId: "1",
    courseId: 1,
    contextId: "staff",
    courseTitle: "Personāls",
    courseLabel: "STAFF",
    activityId: 1,
    resourceLinkId: "1",
    userId: "2",
    moodleUserId: "2",
    name: "Admin User",
    email: "admin@example.lv",
    roles: [],
    isLecturer: true,
    isStudent: false,
    isAdmin: true,
    locale: "lv",
    returnUrl: null,
    ...over,
  };
}

export const SCHEDULE_HEADER =
  "Datums;Slots;Sākums;Beigas;Kurss;Kursa nosaukums;Pasniedzējs;E-pasts;Grupas;Forma;Telpa";

/** A schedule CSV as UTF-8 bytes with a BOM, as Excel saves "CSV UTF-8". */
export function scheduleBytes(...lines: string[]): Uint8Array {
  return new TextEncoder().encode("\uFEFF" + [SCHEDULE_HEADER, ...lines].join("\r\n"));
}

/** A supertest parser that keeps a response body as bytes (PDF, XLSX). */
export function binary(res: Response, cb: (err: Error | null, body: unknown) => void): void {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
}
