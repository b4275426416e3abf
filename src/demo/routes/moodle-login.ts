import { Router } from "express";
import { z } from "zod";
import { Invalid } from "../../errors.js";
import { validate } from "../../http/validate.js";
import { DEMO_COURSE, DEMO_LECTURER, DEMO_RESOURCE_LINK, DEMO_STUDENTS } from "../demo-people.js";

/** The demo activity's link (`?l=`); any other is null, refused as an unknown activity. */
const viewQuery = z
  .object({ l: z.literal(DEMO_RESOURCE_LINK.id) })
  .nullable()
  .catch(null);

/**
 * Moodle's activity page: a signed-out scan of a check-in QR ends here; Moodle asks who you are, then launches.
 */
export function moodleLoginRoute(): Router {
  const r = Router();
  r.get(
    "/demo/platform/mod/lti/view.php",
    validate({ query: viewQuery }, async ({ query }, _req, res) => {
      if (!query) throw Invalid("demo.unknown_activity");
      res.render("demo/moodle-login", {
        course: DEMO_COURSE,
        students: DEMO_STUDENTS,
        lecturer: DEMO_LECTURER,
        activityTitle: DEMO_RESOURCE_LINK.title,
      });
    }),
  );
  return r;
}
