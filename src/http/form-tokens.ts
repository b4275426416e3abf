import { randomBytes } from "node:crypto";
import { eq, lte } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { formSubmissions } from "../db/schema.js";

/** A fresh one-time token for a form that creates something (put in a hidden `formToken` field). */
export function newFormToken(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * Claims a form's one-time token: true for the first post that carries it, false for every later one (back +
 * re-submit, a double click, another web process). The claim is a row in the database, so it holds across processes.
 * A post without a well-formed token is not refused (a page from before tokens); it just is not protected.
 */
export async function claimFormToken(db: Db, token: unknown, scope: string, now: Date): Promise<boolean> {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) return true;
  const claimed = await db
    .insert(formSubmissions)
    .values({ token, scope, createdAt: now })
    .onConflictDoNothing()
    .returning({ token: formSubmissions.token });
  return claimed.length === 1;
}

/** Forgets a claim (the save it guarded failed, so the same form may be sent again once corrected). */
export async function releaseFormToken(db: Db, token: unknown): Promise<void> {
  if (typeof token !== "string") return;
  await db.delete(formSubmissions).where(eq(formSubmissions.token, token));
}

/** Deletes claims older than `before` (a form is not re-sent after days). */
export async function purgeFormTokens(db: Db, before: Date): Promise<number> {
  const gone = await db
    .delete(formSubmissions)
    .where(lte(formSubmissions.createdAt, before))
    .returning({ t: formSubmissions.token });
  return gone.length;
}
