import type { Db } from "../db/client.js";
import type { Person } from "./person-scope.js";
import { listPersonEmails } from "./queries.js";

/** A registered platform as the command line lists it. */
export interface PrivacyPlatform {
  id: string;
  issuer: string;
  clientId: string;
  name?: string;
}

/**
 * The person a request is about: one Moodle user id on one platform, with every address the platform knows them
 * by (their roster rows and launches) and any the operator adds (a lecturer known to the study-day plan only).
 */
export async function findPerson(
  db: Db,
  platform: PrivacyPlatform,
  userId: string,
  extraEmails: readonly string[] = [],
): Promise<Person> {
  const id = userId.trim();
  if (!id) throw new Error("give the person's Moodle user id with --user");
  const known = await listPersonEmails(db, platform.id, id);
  const emails = [...new Set([...known, ...extraEmails.map((e) => e.trim().toLowerCase()).filter(Boolean)])].sort();
  return { platformId: platform.id, userId: id, issuer: platform.issuer, clientId: platform.clientId, emails };
}
