import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { actorRefs } from "./actor-refs.js";
import { personRows, type Person } from "./person-scope.js";
import {
  anonymiseRegister,
  anonymiseRoster,
  anonymiseTeaching,
  deletePersonRows,
  pseudonymiseActors,
  type Counts,
} from "./person-writes.js";
import { listPersonNames } from "./queries.js";
import { scrubMentions } from "./scrub-mentions.js";

export interface DeletePersonOptions {
  /** Count what would change, change nothing (the same statements, rolled back). */
  dryRun: boolean;
  /** Tests pin it; otherwise random, so it cannot be worked back to the Moodle user id. */
  pseudonym?: string;
}

export interface DeletePersonResult {
  pseudonym: string;
  isDryRun: boolean;
  /** Rows deleted or changed, by table (table.column for the places they acted on others' rows). */
  counts: Counts;
}

/** A random stand-in for the person: the same in every table, so the course still sees one student's marks. */
export const newPseudonym = (): string => `anon-${randomBytes(6).toString("hex")}`;

class DryRun extends Error {}

/**
 * `privacy:delete`: deletes the person's rows of one platform, and anonymises the rows the course keeps for its
 * records (marks, their history, follow-up facts, roster rows as "left", classes taught), in one transaction.
 * A dry run runs the same statements and rolls them back, so its counts are exactly what a real run changes.
 */
export async function deletePerson(db: Db, person: Person, opts: DeletePersonOptions, now: Date) {
  const pseudonym = opts.pseudonym ?? newPseudonym();
  const counts: Counts = {};
  try {
    await db.transaction(async (tx) => {
      const w = personRows(tx, person);
      const names = await listPersonNames(tx, person);
      await deletePersonRows(tx, w, counts);
      await anonymiseRoster(tx, w, pseudonym, now, counts);
      await anonymiseRegister(tx, w, person.userId, pseudonym, counts);
      await anonymiseTeaching(tx, w, counts);
      await scrubMentions(tx, person, names, counts);
      await pseudonymiseActors(tx, actorRefs(tx, person), pseudonym, counts);
      if (opts.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return { pseudonym, isDryRun: opts.dryRun, counts } satisfies DeletePersonResult;
}
