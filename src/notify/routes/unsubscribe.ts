import { Router, type Request, type Response } from "express";
import type { T } from "../../i18n/i18n.js";
import { optOut } from "../opt-out.js";
import { readUnsubscribe } from "../unsubscribe-link.js";
import type { NotifyRouteDeps } from "./index.js";

/**
 * The unsubscribe link of students' reminders, without a login: GET shows a one-button page (mail scanners that
 * open links unsubscribe nobody), POST opts out, from that page or from a mail client's one-click
 * (List-Unsubscribe-Post, RFC 8058). A forged or edited link gets 404.
 */
export function unsubscribeRoute({ db, now, linkKey }: NotifyRouteDeps): Router {
  const r = Router();
  const path = "/notify/unsubscribe/:token";
  const read = (req: Request, res: Response) => {
    const payload = readUnsubscribe(linkKey, String(req.params.token));
    if (!payload) res.status(404);
    return payload;
  };
  const kindName = (res: Response, kind: string) => (res.locals.t as T)(`notify.kinds.${kind}.name`);
  r.get(path, (req, res) => {
    const payload = read(req, res);
    res.render("notify/unsubscribe", {
      done: false,
      valid: !!payload,
      kindName: payload ? kindName(res, payload.kind) : "",
    });
  });
  r.post(path, async (req, res) => {
    const payload = read(req, res);
    if (payload) await optOut(db, payload, now());
    res.render("notify/unsubscribe", {
      done: !!payload,
      valid: !!payload,
      kindName: payload ? kindName(res, payload.kind) : "",
    });
  });
  return r;
}
