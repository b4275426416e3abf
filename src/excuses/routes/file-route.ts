import { Router } from "express";
import { actorOf, requireActivityActor } from "../../http/require-actor.js";
import { validate } from "../../http/validate.js";
import { attachmentHeader } from "../excuse-file.js";
import { getExcuseDownload } from "../get-excuse-pages.js";
import { excuseParams } from "../schemas.js";
import type { ExcuseRouteDeps } from "./index.js";

/**
 * A request's file, only ever as a download: attachment, a fixed binary type the browser must not second-guess
 * (nosniff), a sandboxing CSP in case anything still renders it, and not kept in caches.
 */
export function excuseFileRoute({ db, now }: ExcuseRouteDeps): Router {
  const r = Router();
  r.get(
    "/activities/:activityId/excuses/:excuseId/file",
    requireActivityActor(db, now),
    validate({ params: excuseParams }, async (i, _req, res) => {
      const file = await getExcuseDownload(db, actorOf(res), i.params.activityId, i.params.excuseId);
      res.status(200);
      res.setHeader("Content-Type", "application/octet-stream");
      res.setHeader("Content-Disposition", attachmentHeader(file.fileName));
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
      res.setHeader("Cache-Control", "private, no-store");
      res.setHeader("Content-Length", String(file.bytes.length));
      res.end(file.bytes);
    }),
  );
  return r;
}
