import { Router } from "express";
import { z } from "zod";
import { validate } from "../../http/validate.js";
import { DEMO_COORDINATOR, DEMO_COURSE, DEMO_PEOPLE, DEMO_STAFF_COURSE } from "../demo-people.js";
import { presentMemberships } from "../present-memberships.js";
import type { DemoRouteDeps } from "./index.js";

/** NRPS paging as Moodle reads it: 10 by default, at most 100, from 0; anything unreadable is the default. */
const pageQuery = z.object({
  limit: z
    .unknown()
    .optional()
    .transform((v) => Math.min(Number(v) || 10, 100)),
  from: z
    .unknown()
    .optional()
    .transform((v) => Number(v) || 0),
});

/** NRPS: the demo course's 26 people at /memberships, the staff course's coordinator at /memberships/staff. */
export function membershipsRoute({ internalUrl, tokens }: DemoRouteDeps): Router {
  const r = Router();
  r.get(
    ["/demo/platform/memberships", "/demo/platform/memberships/staff"],
    validate({ query: pageQuery }, async ({ query }, req, res) => {
      if (!tokens.isValid((req.get("authorization") ?? "").replace(/^Bearer\s+/i, "")))
        return void res.status(401).json({ error: "invalid_token" });
      const isStaff = req.path.endsWith("/staff");
      const url = `${internalUrl}/demo/platform/memberships${isStaff ? "/staff" : ""}`;
      const page = isStaff
        ? presentMemberships(url, DEMO_STAFF_COURSE, [DEMO_COORDINATOR], query)
        : presentMemberships(url, DEMO_COURSE, DEMO_PEOPLE, query);
      if (page.next) res.set("Link", `<${page.next}>; rel="next"`);
      res.type("application/vnd.ims.lti-nrps.v2.membershipcontainer+json").send(JSON.stringify(page.container));
    }),
  );
  return r;
}
