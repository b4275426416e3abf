import { randomUUID } from "node:crypto";
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import { getActivity, listMembers } from "../activities/index.js";
import { NotFound } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import { activityParams, validate, type FormFailure } from "../http/validate.js";
import { authorize } from "./policy.js";
import { presentMessageForm, presentMessageResult } from "./present-messages.js";
import { getConnection, getMessageRequest, listMessageRecipients } from "./queries.js";
import type { BridgeRouteDeps } from "./routes.js";
import { sendMessagesSchema, sendMessagesToStudents } from "./send-messages.js";

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === "" ? [] : [String(v)];
const formQuery = z.object({ to: z.union([z.string(), z.array(z.string())]).optional() });
const resultParams = activityParams.extend({ requestId: z.string().min(1).max(64) });

/** The lecturer's "message students through Moodle" page, and the result of each sent request. */
export function messageRoutes({ db, encryptionKey, now, moodleTuning }: BridgeRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/messages";

  const load = async (req: Request, res: Response) => {
    const actor = actorOf(res);
    authorize(actor, "bridge.message");
    const activity = await getActivity(db, actor, Number(req.params.activityId));
    if (!activity) throw NotFound();
    return { actor, activity, members: await listMembers(db, actor) };
  };

  /** The form: everyone to choose from (those in `chosen` ticked), a fresh request id; after a refusal, its messages. */
  const render = async (req: Request, res: Response, chosen: string[], failure?: FormFailure) => {
    const { actor, activity, members } = await load(req, res);
    const isConnected = (await getConnection(db, actor.platformId)) !== null;
    res.render("bridge/messages", {
      ...{ activityId: activity.id, isConnected, students: presentMessageForm(members, chosen) },
      ...{ text: failure?.values.text ?? "", errors: failure?.fieldErrors ?? {} },
      ...{ requestId: randomUUID(), isAdmin: actor.isAdmin },
    });
  };
  const form = { params: activityParams, query: formQuery };
  r.get(
    path,
    withActor,
    validate(form, ({ query }, req, res) => render(req, res, list(query.to))),
  );

  const refused = (req: Request, res: Response, f: FormFailure) =>
    render(req, res, list((req.body as Record<string, unknown>).userIds), f);
  const send = { params: activityParams, body: sendMessagesSchema, invalid: refused };
  r.post(
    path,
    withActor,
    validate(send, async ({ body }, req, res) => {
      const m = await load(req, res);
      const sent = { now: now(), tuning: moodleTuning };
      const outcome = await sendMessagesToStudents(db, encryptionKey, m.actor, body, sent);
      const { counts } = presentMessageResult(outcome.request, outcome.recipients, m.members);
      const logged = { courseId: m.actor.courseId, requestId: body.requestId, replayed: outcome.replayed, ...counts };
      req.log.info(logged, "moodle messages sent");
      res.redirect(303, `/activities/${m.activity.id}/messages/${encodeURIComponent(body.requestId)}`);
    }),
  );

  r.get(
    `${path}/:requestId`,
    withActor,
    validate({ params: resultParams }, async ({ params }, req, res) => {
      const m = await load(req, res);
      const request = await getMessageRequest(db, m.actor, params.requestId);
      if (!request) throw NotFound();
      const result = presentMessageResult(request, await listMessageRecipients(db, request.id), m.members);
      res.render("bridge/message-result", { activityId: m.activity.id, ...result });
    }),
  );
  return r;
}
