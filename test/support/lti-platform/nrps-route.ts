import express, { type Request, type Response, type Router } from "express";
import { scopes, type NrpsMember } from "./moodle-data.js";
import { pathParam, queryString, sendServiceError, serviceToken } from "./service-auth.js";
import type { PlatformState } from "./state.js";

const containerType = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json; charset=utf-8";

/** Moodle orders members by last name (then first name), not by user id. */
function byLastName(a: NrpsMember, b: NrpsMember): number {
  return a.family_name.localeCompare(b.family_name, "lv") || a.given_name.localeCompare(b.given_name, "lv");
}

/** `role` may be a short name or a full URI; Moodle only understands Learner and Instructor. */
function roleFilter(role: string | undefined): string | undefined {
  if (!role) return undefined;
  const short = role.split(/[#/]/).pop() ?? "";
  return short === "Learner" || short === "Instructor" ? short : undefined;
}

function nonNegativeInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function listMemberships(state: PlatformState, req: Request, res: Response): void {
  const courseId = pathParam(req, "courseId");
  const typeId = pathParam(req, "typeId");
  if (!serviceToken(state, req, typeId, [scopes.memberships])) return sendServiceError(req, res, 401, "Unauthorized");
  if (courseId !== state.course.id) return sendServiceError(req, res, 404, "Not Found");
  const endpoint = `${state.issuer}/mod/lti/services.php/CourseSection/${courseId}/bindings/${typeId}/memberships`;
  const role = roleFilter(queryString(req, "role"));
  let members = [...state.members].sort(byLastName);
  if (role) members = members.filter((m) => m.roles.includes(role));
  const limit = nonNegativeInt(queryString(req, "limit"));
  const from = nonNegativeInt(queryString(req, "from")) ?? 0;
  if (limit) {
    const total = members.length;
    members = members.slice(from, from + limit);
    // Quirk: the next link is rebuilt from the bare endpoint with only limit and from, so a role filter is lost.
    if (from + limit < total) res.set("Link", `<${endpoint}?limit=${limit}&from=${from + limit}>; rel="next"`);
  }
  const body = {
    id: endpoint,
    context: { id: state.course.id, label: state.course.label, title: state.course.title },
    members,
  };
  res.status(200).type(containerType).send(JSON.stringify(body));
}

/** NRPS v2: /mod/lti/services.php/CourseSection/{course}/bindings/{typeid}/memberships. */
export function nrpsRoute(state: PlatformState): Router {
  const router = express.Router();
  router.get("/mod/lti/services.php/CourseSection/:courseId/bindings/:typeId/memberships", (req, res) => {
    listMemberships(state, req, res);
  });
  return router;
}
