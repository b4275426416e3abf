import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { planningCoordinators } from "../db/schema.js";

/** Is this user on the platform's coordinator list? */
export async function isListedCoordinator(db: Db, platformId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: planningCoordinators.userId })
    .from(planningCoordinators)
    .where(and(eq(planningCoordinators.platformId, platformId), eq(planningCoordinators.userId, userId)))
    .limit(1);
  return Boolean(row);
}
