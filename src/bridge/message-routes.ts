import { randomUUID } from "node:crypto";
import { Router, type Response } from "express";
import { getActivity, listMembers } from "../activities/index.js";
import { NotFound } from "../errors.js";
import { actorOf, requireActivityActor } from "../http/require-actor.js";
import type { T } from "../i18n/i18n.js";
import type { BridgeRouteDeps } from "./connection-routes.js";
import { fieldErrors } from "./field-errors.js";
import { authorize } from "./policy.js";
import { presentMessageForm, presentMessageResult } from "./present-messages.js";
import { getConnection, getMessageRequest, listMessageRecipients } from "./queries.js";
import { sendMessagesSchema, sendMessagesToStudents } from "./send-messages.js";

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === "" ? [] : [String(v)];

/** The lecturer's "message students through Moodle" page, and the result of each sent request. */
export function messageRoutes({ db, encryptionKey, now, moodleTuning }: BridgeRouteDeps): Router {
  const r = Router();
  const withActor = requireActivityActor(db, now);
  const path = "/activities/:activityId/messages";

  const load = async (activityId: number, res: Response) => {
    const actor = actorOf(res);
    authorize(actor, "bridge.message");
    const activity = await getActivity(db, actor, activityId);
    if (!activity) throw NotFound();
    return { actor, activity, members: await listMembers(db, actor) };
  };

  const renderForm = async (
    res: Response,
    status: number,
    m: Awaited<ReturnType<typeof load>>,
    form: { chosen: string[]; text: string; errors: Record<string, string> },
  ) => {
    const isConnected = (await getConnection(db, m.actor.platformId)) !== null;
    const students = presentMessageForm(m.members, form.chosen);
    res.status(status).render("bridge/messages", {
      activityId: m.activity.id,
      isConnected,
      students,
      text: form.text,
      errors: form.errors,
      requestId: randomUUID(),
      isAdmin: m.actor.isAdmin,
    });
  };

  r.get(path, withActor, async (req, res) => {
    const m = await load(Number(req.params.activityId), res);
    await renderForm(res, 200, m, { chosen: list(req.query.to), text: "", errors: {} });
  });

  r.post(path, withActor, async (req, res) => {
    const m = await load(Number(req.params.activityId), res);
    const body = req.body as Record<string, unknown>;
    const parsed = sendMessagesSchema.safeParse(body);
    if (!parsed.success) {
      return renderForm(res, 400, m, {
        chosen: list(body.userIds),
        text: String(body.text ?? ""),
        errors: fieldErrors(parsed.error.issues, res.locals.t as T),
      });
    }
    const outcome = await sendMessagesToStudents(db, encryptionKey, m.actor, parsed.data, {
      now: now(),
      tuning: moodleTuning,
    });
    const counts = presentMessageResult(outcome.request, outcome.recipients, m.members).counts;
    req.log.info(
      { courseId: m.actor.courseId, requestId: parsed.data.requestId, replayed: outcome.replayed, ...counts },
      "moodle messages sent",
    );
    res.redirect(303, `/activities/${m.activity.id}/messages/${encodeURIComponent(parsed.data.requestId)}`);
  });

  r.get(`${path}/:requestId`, withActor, async (req, res) => {
    const m = await load(Number(req.params.activityId), res);
    const request = await getMessageRequest(db, m.actor, String(req.params.requestId));
    if (!request) throw NotFound();
    const result = presentMessageResult(request, await listMessageRecipients(db, request.id), m.members);
    res.render("bridge/message-result", { activityId: m.activity.id, ...result });
  });

  return r;
}
