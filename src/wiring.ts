import type { GroupRouteDeps } from "./groups/index.js";
import type { AttendanceEvents, AttendancePanels } from "./attendance/index.js";
import { moodleGroupSync, queueSessionCalendar, sessionBadges } from "./bridge/index.js";
import { listOpenCheckins, presentSelfCheckins } from "./checkin/index.js";
import { upcomingClassesForCourse, upcomingClassesForStudent } from "./planning/index.js";
import { followupStillValid } from "./followup/index.js";
import { excuseRequestStillValid } from "./excuses/index.js";
import type { DeliveryDeps } from "./notify/index.js";

/**
 * How the features meet, in one place: lower features (activities, groups, attendance) name what they need
 * (ports), and the features above them (checkin, bridge, planning) supply it here, so no import runs back down.
 */
export const attendanceEvents: AttendanceEvents = {
  sessionsChanged: queueSessionCalendar, // Moodle's calendar follows every change of sessions
};

export const attendancePanels: AttendancePanels = {
  sessionBadges,
  selfCheckins: presentSelfCheckins,
  async studentHome(db, actor, activity, course, now) {
    const [openCheckins, upcoming] = await Promise.all([
      listOpenCheckins(db, activity.id, actor.userId, course.timezone, now),
      upcomingClassesForStudent(db, actor, course, now),
    ]);
    return { openCheckins, upcoming };
  },
};

export const groupPanels: Pick<GroupRouteDeps, "moodleGroupSync"> = { moodleGroupSync };

export const activityPanels = { upcomingClasses: upcomingClassesForCourse };

/** The outbox's checks at sending time, per message kind (follow-up re-decides its fact from the marks). */
export const messageChecks: NonNullable<DeliveryDeps["stillValid"]> = {
  "followup-warning": followupStillValid,
  "followup-staff": followupStillValid,
  "excuse-request": excuseRequestStillValid, // a withdrawn request is not told to the lecturers
};
