import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { studyClasses, zoomHosts } from "../../db/schema.js";
import { Conflict, NotFound } from "../../errors.js";
import type { Actor } from "../../lti/actor.js";
import { pgErrorCode } from "../pg-error-code.js";
import type { ZoomHostInput } from "./schemas.js";

/**
 * Adds a Zoom host to the platform's pool, or changes one (hostId). Lowering a host's concurrency (or switching it
 * off) lets go of the classes that no longer fit on it: the next "Assign Zoom accounts" places them again, and their
 * meetings are moved then, so nothing is lost and the host is never over capacity.
 */
export async function saveZoomHost(db: Db, actor: Actor, input: ZoomHostInput, hostId?: number): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      if (hostId === undefined) {
        const [row] = await tx
          .insert(zoomHosts)
          .values({ platformId: actor.platformId, ...input })
          .returning({ id: zoomHosts.id });
        return row!.id;
      }
      const [before] = await tx
        .select()
        .from(zoomHosts)
        .where(and(eq(zoomHosts.id, hostId), eq(zoomHosts.platformId, actor.platformId)));
      if (!before) throw NotFound();
      const release = { zoomHostId: null, zoomLane: null, hostConcurrency: null };
      if (!input.isActive) await tx.update(studyClasses).set(release).where(eq(studyClasses.zoomHostId, hostId));
      else
        await tx
          .update(studyClasses)
          .set(release)
          .where(and(eq(studyClasses.zoomHostId, hostId), gt(studyClasses.zoomLane, input.concurrency)));
      await tx.update(zoomHosts).set(input).where(eq(zoomHosts.id, hostId));
      return hostId;
    });
  } catch (err) {
    if (pgErrorCode(err) === "23505") throw Conflict("planning.admin.errors.host_exists");
    throw err;
  }
}
