import express, { type Request, type Response, type Router } from "express";
import { escapeHtml, sendMoodleErrorPage } from "./html.js";
import { MoodleJwtError, peekJwt, verifyWithKeySet } from "./keys.js";
import { dlContentItemsClaim, ltiClaim } from "./moodle-data.js";
import { toolKeySet } from "./token-route.js";
import { toolByTypeId, type DeepLinkResponseRecord, type LineItem, type PlatformState } from "./state.js";

type ContentItem = Record<string, unknown>;

function lineItemOf(item: ContentItem): Record<string, unknown> | undefined {
  const li = item.lineItem;
  return li && typeof li === "object" ? (li as Record<string, unknown>) : undefined;
}

/** What contentitem_return.php hands to the Add-activity form for one ltiResourceLink item. */
function toReturnData(item: ContentItem, typeId: string): Record<string, unknown> {
  const lineItem = lineItemOf(item);
  const custom = item.custom && typeof item.custom === "object" ? (item.custom as Record<string, unknown>) : {};
  return {
    name: item.title ?? "",
    introeditor: { text: item.text ?? "", format: "2" },
    toolurl: item.url ?? "",
    typeid: item.url ? 0 : Number(typeId),
    instructorchoiceacceptgrades: lineItem ? 1 : 0,
    ...(lineItem
      ? {
          grade_modgrade_point: lineItem.scoreMaximum,
          lineitemresourceid: lineItem.resourceId ?? "",
          lineitemtag: lineItem.tag ?? "",
          lineitemsubreviewurl: "",
          lineitemsubreviewparams: "",
        }
      : {}),
    instructorchoicesendname: 0,
    instructorchoicesendemailaddr: 0,
    launchcontainer: 1,
    instructorcustomparameters: Object.entries(custom)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join("\n"),
    selectcontentstatus: true,
  };
}

async function receiveDeepLink(state: PlatformState, req: Request, res: Response): Promise<void> {
  const typeId = typeof req.query.id === "string" ? req.query.id : "";
  const tool = toolByTypeId(state, typeId);
  if (!tool || req.query.course !== state.course.id) return sendMoodleErrorPage(res, "Invalid request");
  if (req.query.sesskey !== state.sesskey)
    return sendMoodleErrorPage(res, "Your session has most likely timed out. Please log in again.");
  const jwt = (req.body as Record<string, unknown> | undefined)?.JWT;
  const peeked = typeof jwt === "string" ? peekJwt(jwt) : undefined;
  if (typeof jwt !== "string" || !peeked) return sendMoodleErrorPage(res, "Wrong number of segments");
  if (peeked.payload.iss !== tool.clientId) return sendMoodleErrorPage(res, "Incorrect consumer key");
  let verified: Awaited<ReturnType<typeof verifyWithKeySet>>;
  try {
    verified = await verifyWithKeySet(jwt, await toolKeySet(tool));
  } catch (err) {
    // Moodle does not catch this: its HTML error page, HTTP 404, and nothing is created.
    return sendMoodleErrorPage(res, err instanceof MoodleJwtError ? err.message : String(err));
  }
  if (verified.payload[`${ltiClaim}message_type`] !== "LtiDeepLinkingResponse")
    return sendMoodleErrorPage(res, "Invalid request");
  const items = verified.payload[dlContentItemsClaim];
  const contentItems = Array.isArray(items) ? (items as ContentItem[]) : [];
  const converted = contentItems.map((item) => toReturnData(item, typeId));
  const returnData = converted.length === 1 ? converted[0] : { multiple: converted };
  state.deepLinkResponses.push({
    typeId,
    header: verified.header,
    payload: verified.payload,
    contentItems,
    returnData,
  });
  const page = [
    "<!DOCTYPE html>",
    "<html><body>",
    `<script>require(['mod_lti/contentitem_return'], function(r) { r.init(${escapeHtml(JSON.stringify(returnData))}); });</script>`,
    "</body></html>",
  ].join("\n");
  res.status(200).type("text/html; charset=utf-8").send(page);
}

/**
 * What the lecturer's "Save and return to course" does after deep linking: creates the activity
 * (a new lti instance) and its grade item. Quirk: the line item is named after the content item
 * title; lineItem.label is ignored.
 */
export function saveDeepLinkedActivity(
  state: PlatformState,
  record: DeepLinkResponseRecord,
  itemIndex = 0,
): LineItem | undefined {
  const item = record.contentItems[itemIndex];
  if (!item) throw new Error(`test LTI platform: no content item ${itemIndex} in that deep-linking response`);
  const instanceId = String(state.nextInstanceId++);
  const lineItem = lineItemOf(item);
  if (!lineItem) return undefined;
  const created: LineItem = {
    id: String(state.nextLineItemId++),
    courseId: state.course.id,
    typeId: record.typeId,
    label: typeof item.title === "string" ? item.title : "",
    scoreMaximum: Number(lineItem.scoreMaximum ?? 100),
    resourceId: typeof lineItem.resourceId === "string" ? lineItem.resourceId : "",
    tag: typeof lineItem.tag === "string" ? lineItem.tag : "",
    resourceLinkId: instanceId,
  };
  state.lineItems.push(created);
  return created;
}

/** /mod/lti/contentitem_return.php: receives the tool's signed LtiDeepLinkingResponse. */
export function deepLinkRoute(state: PlatformState): Router {
  const router = express.Router();
  router.post("/mod/lti/contentitem_return.php", express.urlencoded({ extended: false }), async (req, res) => {
    await receiveDeepLink(state, req, res);
  });
  return router;
}
