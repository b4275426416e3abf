import type { CourseRow, ActivityRow } from "../activities/index.js";
import type { Db } from "../db/client.js";
import type { T } from "../i18n/i18n.js";
import type { Actor } from "../lti/actor.js";

/**
 * What attendance tells the rest of Rollbook. Attendance never imports the features that react (Moodle's
 * calendar follows sessions in bridge): app wiring passes these in, so the arrows run one way.
 */
export interface AttendanceEvents {
  /** Sessions were created, moved, edited or deleted; called after the change is saved. */
  sessionsChanged(
    db: Db,
    course: { platformId: string; courseId: number },
    sessionIds: number[],
    now: Date,
  ): Promise<unknown>;
}

/**
 * What attendance's pages show from other features (a badge per session, self check-ins in the register, the
 * student's open check-ins and study-day classes). Each returns a view model the template reads as it is.
 */
export interface AttendancePanels {
  /** Per session id, its Moodle calendar badge (null: nothing to show). */
  sessionBadges(db: Db, courseId: number, sessionIds: number[], t: T): Promise<Record<number, unknown>>;
  /** Per student user id, when, from which IP and which device they checked themselves in. */
  selfCheckins(db: Db, sessionId: number, zone: string): Promise<Record<string, unknown>>;
  /** The student's home page: check-ins open now and upcoming study-day classes of their groups. */
  studentHome(
    db: Db,
    actor: Actor,
    activity: ActivityRow,
    course: CourseRow,
    now: Date,
  ): Promise<{ openCheckins: unknown[]; upcoming: unknown[] }>;
}

/** Attendance on its own: nothing reacts and no other feature's panel is shown (module tests, a bare app). */
export const NO_EVENTS: AttendanceEvents = { sessionsChanged: async () => 0 };
export const NO_PANELS: AttendancePanels = {
  sessionBadges: async () => ({}),
  selfCheckins: async () => ({}),
  studentHome: async () => ({ openCheckins: [], upcoming: [] }),
};
