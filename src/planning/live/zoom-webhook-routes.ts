import express, { Router, type Request } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.js";
import { recordZoomEvent } from "./record-zoom-event.js";
import { urlValidation, verifyZoomSignature } from "./zoom-webhook-signature.js";

/** The raw body parser the webhook needs (the signature is over the bytes Zoom sent); mount before express.json(). */
export const zoomWebhookBody = express.raw({ type: "*/*", limit: "256kb" });
export const ZOOM_WEBHOOK_PATH = "/zoom/webhook";

const payload = z.object({
  event: z.string(),
  event_ts: z.number().optional(),
  payload: z
    .object({
      plainToken: z.string().max(200).optional(),
      object: z
        .object({
          id: z.union([z.string(), z.number()]).transform(String),
          uuid: z.string().default(""),
          start_time: z.string().optional(),
          end_time: z.string().optional(),
        })
        .optional(),
    })
    .default({}),
});

/**
 * Zoom's webhook endpoint: every request must carry a valid `x-zm-signature` over its raw body and a fresh
 * timestamp (401 otherwise; a replay of a recorded event is 409). `endpoint.url_validation` gets its challenge
 * answer; `meeting.started` / `meeting.ended` are recorded in one insert and answered at once (well within Zoom's
 * 3 s); other events are acknowledged and ignored. Without ZOOM_WEBHOOK_SECRET the endpoint answers 404.
 */
export function zoomWebhookRoutes(db: Db, now: () => Date, secret: string | undefined): Router {
  const r = Router();
  r.post(ZOOM_WEBHOOK_PATH, async (req: Request, res) => {
    if (!secret) return void res.status(404).json({ error: "not_configured" });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifyZoomSignature(
      secret,
      { timestamp: req.get("x-zm-request-timestamp"), signature: req.get("x-zm-signature") },
      raw,
      now(),
    );
    if (!check.ok) return void res.status(401).json({ error: check.reason });
    let body: z.infer<typeof payload>;
    try {
      body = payload.parse(JSON.parse(raw.toString("utf8")));
    } catch {
      return void res.status(400).json({ error: "bad_body" });
    }
    if (body.event === "endpoint.url_validation" && body.payload.plainToken)
      return void res.json(urlValidation(secret, body.payload.plainToken));
    const object = body.payload.object;
    if ((body.event === "meeting.started" || body.event === "meeting.ended") && object) {
      const at = body.event === "meeting.started" ? object.start_time : object.end_time;
      const occurredAt = at && !Number.isNaN(Date.parse(at)) ? new Date(at) : now();
      const isNew = await recordZoomEvent(
        db,
        req.get("x-zm-signature")!,
        { event: body.event, meetingId: object.id, meetingUuid: object.uuid, occurredAt },
        now(),
      );
      if (!isNew) return void res.status(409).json({ error: "replay" });
    }
    res.json({ ok: true });
  });
  return r;
}
