import type { Db } from "../db/client.js";
import type { Person } from "./person-scope.js";
import { countActorRefs, listExportContext, listPersonRows } from "./queries.js";

/** The answer to a data-protection access request: one JSON document. */
export interface PersonExport {
  format: "rollbook.privacy-export";
  version: 1;
  exportedAt: string;
  platform: { id: string; issuer: string; clientId: string };
  userId: string;
  emails: readonly string[];
  /** Every row about the person, by SQL table name; tables with none are listed empty. */
  tables: Record<string, Record<string, unknown>[]>;
  /** Rows where they are the one who acted on someone else (a lecturer's marks): counted, not copied, as they
   *  are the other people's data too. */
  actedAs: Record<string, number>;
  /** What the ids in `tables` stand for. */
  context: Awaited<ReturnType<typeof listExportContext>>;
}

/** `privacy:export`: everything Rollbook holds about one person of one platform, read in one pass. */
export async function exportPerson(db: Db, person: Person, now: Date): Promise<PersonExport> {
  const tables = await listPersonRows(db, person);
  return {
    format: "rollbook.privacy-export",
    version: 1,
    exportedAt: now.toISOString(),
    platform: { id: person.platformId, issuer: person.issuer, clientId: person.clientId },
    userId: person.userId,
    emails: person.emails,
    tables,
    actedAs: await countActorRefs(db, person),
    context: await listExportContext(db, person.platformId, tables),
  };
}
