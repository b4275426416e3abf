import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { registrationLinks } from "../db/schema.js";

const hashOf = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** Makes a one-time registration key (only its hash is stored); the operator hands the link to one Moodle admin. */
export async function createRegistrationLink(
  db: Db,
  input: { hours: number; note?: string },
  now: Date,
): Promise<{ key: string; expiresAt: Date }> {
  const key = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.hours * 3600_000);
  await db.insert(registrationLinks).values({ keyHash: hashOf(key), note: input.note ?? null, expiresAt });
  return { key, expiresAt };
}

/**
 * Claims a live, unspent, unclaimed link for one registration, in one statement: two registrations racing with
 * the same key never both get it. Returns the link's id, or null when the key is unknown, expired, spent or busy.
 */
export async function claimRegistrationLink(db: Db, key: string, now: Date): Promise<number | null> {
  const [row] = await db
    .update(registrationLinks)
    .set({ claimedAt: now })
    .where(
      and(
        eq(registrationLinks.keyHash, hashOf(key)),
        gt(registrationLinks.expiresAt, now),
        isNull(registrationLinks.claimedAt),
        isNull(registrationLinks.platformId),
      ),
    )
    .returning({ id: registrationLinks.id });
  return row?.id ?? null;
}

/** Gives a claimed link back after its registration failed, so the admin can try again with the same link. */
export async function releaseRegistrationLink(db: Db, id: number): Promise<void> {
  await db.update(registrationLinks).set({ claimedAt: null }).where(eq(registrationLinks.id, id));
}

/** Spends a claimed link on the platform it registered. */
export async function spendRegistrationLink(db: Db, id: number, platformId: string): Promise<void> {
  await db.update(registrationLinks).set({ platformId }).where(eq(registrationLinks.id, id));
}
