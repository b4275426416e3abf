import { Router } from "express";
import { idParam } from "../http/forms.js";
import { requireActivity } from "../activities/index.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { BridgeRouteDeps } from "./routes.js";
import { authorize } from "./policy.js";
import { retrySessionCalendar } from "./queue-session-calendar.js";

/** "Try again" on a session whose Moodle calendar events failed: it goes back in the queue. */
export function calendarRoutes({ db, now }: BridgeRouteDeps): Router {
  const r = Router();
  r.post(
    "/activities/:activityId/attendance/sessions/:sessionId/calendar-retry",
    requireActivityActor(db, now),
    async (req, res) => {
      const actor = actorOf(res);
      authorize(actor, "bridge.sync");
      const { activity, course } = await requireActivity(db, actor, idParam(req.params.activityId));
      await retrySessionCalendar(db, course.id, [idParam(req.params.sessionId)], now());
      res.redirect(303, `/activities/${activity.id}/attendance/sessions?done=calendar_retried`);
    },
  );
  return r;
}
