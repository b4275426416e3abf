import express, { type Request, type Response, type Router } from "express";
import { listResults, postScore } from "./ags-scores.js";
import { scopes } from "./moodle-data.js";
import { pathParam, queryString, sendServiceError, serviceToken } from "./service-auth.js";
import type { LineItem, PlatformState } from "./state.js";

const itemType = "application/vnd.ims.lis.v2.lineitem+json";
const containerType = "application/vnd.ims.lis.v2.lineitemcontainer+json; charset=utf-8";
const readScopes = [scopes.lineItem, scopes.lineItemReadonly];

export function lineItemUrl(state: PlatformState, item: LineItem): string {
  return `${state.issuer}/mod/lti/services.php/${item.courseId}/lineitems/${item.id}/lineitem?type_id=${item.typeId}`;
}

/** Moodle's line item JSON: label is the activity name; resourceLinkId and ltiLinkId are the lti instance id. */
function presentLineItem(state: PlatformState, item: LineItem): Record<string, unknown> {
  return {
    id: lineItemUrl(state, item),
    label: item.label,
    scoreMaximum: item.scoreMaximum,
    resourceId: item.resourceId,
    tag: item.tag,
    resourceLinkId: item.resourceLinkId,
    ltiLinkId: item.resourceLinkId,
  };
}

function baseType(req: Request): string {
  return (req.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The line item named by the path, if the caller's token belongs to its tool. */
function authorizedItem(
  state: PlatformState,
  req: Request,
  res: Response,
  anyOfScopes: string[],
): LineItem | undefined {
  const typeId = queryString(req, "type_id");
  if (!serviceToken(state, req, typeId, anyOfScopes)) {
    sendServiceError(req, res, 401, "Unauthorized");
    return undefined;
  }
  const item = state.lineItems.find(
    (li) => li.id === pathParam(req, "itemId") && li.courseId === pathParam(req, "courseId") && li.typeId === typeId,
  );
  if (!item) sendServiceError(req, res, 404, "Not Found");
  return item;
}

function listLineItems(state: PlatformState, req: Request, res: Response): void {
  const typeId = queryString(req, "type_id");
  if (!serviceToken(state, req, typeId, readScopes)) return sendServiceError(req, res, 401, "Unauthorized");
  const resourceLinkId = queryString(req, "resource_link_id");
  const tag = queryString(req, "tag");
  const resourceId = queryString(req, "resource_id");
  const items = state.lineItems.filter(
    (li) =>
      li.courseId === pathParam(req, "courseId") &&
      li.typeId === typeId &&
      (resourceLinkId === undefined || li.resourceLinkId === resourceLinkId) &&
      (tag === undefined || li.tag === tag) &&
      (resourceId === undefined || li.resourceId === resourceId),
  );
  res
    .status(200)
    .type(containerType)
    .send(JSON.stringify(items.map((li) => presentLineItem(state, li))));
}

/** POST lineitems: a standalone grade item for the tool (not recorded; shaped after Moodle's code). */
function createLineItem(state: PlatformState, req: Request, res: Response): void {
  const typeId = queryString(req, "type_id");
  if (!serviceToken(state, req, typeId, [scopes.lineItem]) || !typeId)
    return sendServiceError(req, res, 401, "Unauthorized");
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(typeof req.body === "string" ? req.body : "") as Record<string, unknown>;
  } catch {
    return sendServiceError(req, res, 400, "Bad Request");
  }
  const scoreMaximum = Number(body.scoreMaximum);
  if (typeof body.label !== "string" || !body.label || !(scoreMaximum > 0))
    return sendServiceError(req, res, 400, "Bad Request");
  const item: LineItem = {
    id: String(state.nextLineItemId++),
    courseId: pathParam(req, "courseId") ?? state.course.id,
    typeId,
    label: body.label,
    scoreMaximum,
    resourceId: typeof body.resourceId === "string" ? body.resourceId : "",
    tag: typeof body.tag === "string" ? body.tag : "",
    resourceLinkId: typeof body.resourceLinkId === "string" ? body.resourceLinkId : "",
  };
  state.lineItems.push(item);
  res
    .status(201)
    .type(`${itemType}; charset=utf-8`)
    .send(JSON.stringify(presentLineItem(state, item)));
}

/** AGS: line items, the single line item, its scores and its results, under /mod/lti/services.php. */
export function agsRoutes(state: PlatformState): Router {
  const router = express.Router();
  const text = express.text({ type: () => true });
  const base = "/mod/lti/services.php/:courseId/lineitems";
  router.get(base, (req, res) => listLineItems(state, req, res));
  router.post(base, text, (req, res) => {
    if (baseType(req) !== itemType)
      return sendServiceError(
        req,
        res,
        400,
        `No handler found for ${req.path.replace("/mod/lti/services.php", "")}  ${baseType(req)}`,
      );
    createLineItem(state, req, res);
  });
  router.get(`${base}/:itemId/lineitem`, (req, res) => {
    const item = authorizedItem(state, req, res, readScopes);
    if (item)
      res
        .status(200)
        .type(`${itemType}; charset=utf-8`)
        .send(JSON.stringify(presentLineItem(state, item)));
  });
  router.post(`${base}/:itemId/lineitem/scores`, text, (req, res) => {
    // Quirk: a wrong Content-Type never reaches the scores handler: services.php answers 400 in JSON.
    const type = baseType(req);
    if (type !== "application/vnd.ims.lis.v1.score+json") {
      return sendServiceError(
        req,
        res,
        400,
        `No handler found for ${req.path.replace("/mod/lti/services.php", "")}  ${type}`,
      );
    }
    const item = authorizedItem(state, req, res, [scopes.score]);
    if (item) postScore(state, item, req, res);
  });
  router.get(`${base}/:itemId/lineitem/results`, (req, res) => {
    const item = authorizedItem(state, req, res, [scopes.resultReadonly]);
    if (item) listResults(state, item, lineItemUrl(state, item), req, res);
  });
  return router;
}
