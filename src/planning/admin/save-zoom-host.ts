import type { Db } from "../../db/client.js";
import { Conflict, NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { pgErrorCode } from "../pg-error-code.js";
import { getZoomHost, insertZoomHost, releaseHostClasses, updateZoomHost } from "./admin-queries.js";
import type { ZoomHostInput } from "./schemas.js";

/**
 * Adds a Zoom host to the platform's pool, or changes one (hostId). Lowering a host's concurrency (or switching it
 * off) lets go of the classes that no longer fit on it: the next "Assign Zoom accounts" places them again, and their
 * meetings are moved then, so nothing is lost and the host is never over capacity.
 */
export async function saveZoomHost(db: Db, actor: Actor, input: ZoomHostInput, hostId?: number): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      if (hostId === undefined) return insertZoomHost(tx, { platformId: actor.platformId, ...input });
      if (!(await getZoomHost(tx, actor.platformId, hostId))) throw NotFound();
      await releaseHostClasses(tx, hostId, input.isActive ? input.concurrency : undefined);
      await updateZoomHost(tx, hostId, input);
      return hostId;
    });
  } catch (err) {
    if (pgErrorCode(err) === "23505") throw Conflict("planning.admin.errors.host_exists");
    throw err;
  }
}
