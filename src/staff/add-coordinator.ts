import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courseMembers, courses, planningCoordinators } from "../db/schema.js";

export interface AddCoordinatorInput {
  platformId: string;
  /** A Moodle user id, or an e-mail of someone who has launched Rollbook on this platform. */
  who: string;
  name?: string;
}

/**
 * Puts a person on the platform's coordinator list (study days, the outbox), by Moodle user id or by the e-mail
 * Moodle sent in a launch. Adding someone twice changes nothing but the name. Throws with a sentence for an e-mail
 * nobody on the platform has.
 */
export async function addCoordinator(db: Db, input: AddCoordinatorInput): Promise<{ userId: string; name: string }> {
  const who = input.who.trim();
  if (!who) throw new Error("give a Moodle user id or an e-mail");
  const byEmail = who.includes("@");
  const [member] = await db
    .select({ userId: courseMembers.userId, name: courseMembers.name })
    .from(courseMembers)
    .innerJoin(courses, eq(courses.id, courseMembers.courseId))
    .where(
      and(
        eq(courses.platformId, input.platformId),
        byEmail ? sql`lower(${courseMembers.email}) = ${who.toLowerCase()}` : eq(courseMembers.userId, who),
      ),
    )
    .limit(1);
  if (byEmail && !member)
    throw new Error(
      `nobody with the e-mail ${who} has launched Rollbook on this platform yet: give their Moodle user id`,
    );
  const userId = member?.userId ?? who;
  const name = input.name ?? member?.name ?? "";
  const [row] = await db
    .insert(planningCoordinators)
    .values({ platformId: input.platformId, userId, name })
    .onConflictDoUpdate({
      target: [planningCoordinators.platformId, planningCoordinators.userId],
      set: name ? { name } : { userId },
    })
    .returning({ name: planningCoordinators.name });
  return { userId, name: row?.name ?? name };
}
