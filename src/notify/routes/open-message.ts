import { Router, type Request, type Response } from "express";
import { NotFound } from "../../errors.js";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { isMessageKind } from "../kinds.js";
import { getOutboxDelivery } from "../outbox-queries.js";
import { outboxScope } from "../outbox-scope.js";
import { presentOutbox } from "../present-outbox.js";
import { renderMessage } from "../render-message.js";
import { deliveryIdSchema } from "../schemas.js";
import type { NotifyRouteDeps } from "./index.js";

/** The message's HTML part is shown in a sandboxed frame of its own: no scripts, no requests, nothing but styles. */
const FRAME_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

/** "Open": the message as its recipient reads it (subject, text part, and the HTML part in a sandboxed frame). */
export function openMessageRoute({ db, now, toolName }: NotifyRouteDeps): Router {
  const r = Router();
  const load = async (req: Request, res: Response) => {
    const actor = actorOf(res);
    const scope = await outboxScope(db, actor);
    const id = deliveryIdSchema.safeParse(req.params.deliveryId);
    const row = id.success ? await getOutboxDelivery(db, scope, id.data) : null;
    if (!row || !isMessageKind(row.kind)) throw NotFound();
    const rendered = await renderMessage({
      kind: row.kind,
      locale: row.delivery.locale,
      data: row.data,
      timezone: row.timezone,
      toolName,
    });
    return { actor, row, rendered };
  };
  const path = "/activities/:activityId/outbox/:deliveryId";
  r.get(path, requireActivityActor(db, now), async (req, res) => {
    const { actor, row, rendered } = await load(req, res);
    res.render("notify/message", {
      base: `/activities/${actor.activityId}/outbox`,
      line: presentOutbox([row], actor.locale)[0],
      rendered,
    });
  });
  r.get(`${path}/html`, requireActivityActor(db, now), async (req, res) => {
    const { rendered } = await load(req, res);
    res.setHeader("Content-Security-Policy", FRAME_CSP);
    res.type("html").send(rendered.html);
  });
  return r;
}
