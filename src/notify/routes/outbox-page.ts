import { Router } from "express";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { MESSAGE_KINDS } from "../kinds.js";
import { listOutbox, OUTBOX_PAGE_SIZE } from "../outbox-queries.js";
import { outboxScope } from "../outbox-scope.js";
import { presentOutbox } from "../present-outbox.js";
import { outboxFilterSchema } from "../schemas.js";
import type { NotifyRouteDeps } from "./index.js";

/** GET /activities/:activityId/outbox: every message in the actor's scope, with its state, filtered. */
export function outboxPageRoute({ db, now }: NotifyRouteDeps): Router {
  const r = Router();
  r.get("/activities/:activityId/outbox", requireActivityActor(db, now), async (req, res) => {
    const actor = actorOf(res);
    const scope = await outboxScope(db, actor);
    const filter = outboxFilterSchema.parse(req.query);
    const { rows, total } = await listOutbox(db, scope, filter);
    res.render("notify/outbox", {
      base: `/activities/${actor.activityId}/outbox`,
      lines: presentOutbox(rows, actor.locale),
      total,
      filter,
      kinds: Object.keys(MESSAGE_KINDS),
      states: ["queued", "retrying", "sent", "failed", "skipped"],
      isPlatformWide: scope.courseIds === null,
      hasMore: filter.page * OUTBOX_PAGE_SIZE < total,
      notice: req.query.retried ? "retried" : req.query.tested ? "tested" : null,
    });
  });
  return r;
}
