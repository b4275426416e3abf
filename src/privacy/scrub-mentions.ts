import { and, eq, inArray, or, sql } from "drizzle-orm";
import { classChanges, followupRules } from "../db/schema.js";
import type { Counts } from "./person-writes.js";
import { platformScope, type Person, type Tx } from "./person-scope.js";

const LECTURER_FIELDS = ["lecturerName", "lecturerEmail"] as const;

/**
 * The person's name and address where other rows only mention them: a class's change history (from/to of the
 * lecturer fields) and the mentors' address lists of follow-up rules. `names` are the names the platform had for
 * them (roster, the classes they taught), read before those rows were anonymised.
 */
export async function scrubMentions(tx: Tx, p: Person, names: ReadonlySet<string>, counts: Counts): Promise<void> {
  const s = platformScope(tx, p.platformId);
  const emails = new Set(p.emails);
  const isTheirs = (v: unknown) =>
    typeof v === "string" && v.trim() !== "" && (emails.has(v.trim().toLowerCase()) || names.has(v.trim()));
  const changes = await tx
    .select({ id: classChanges.id, diff: classChanges.diff })
    .from(classChanges)
    .where(
      and(
        inArray(classChanges.classId, s.classIds),
        or(...LECTURER_FIELDS.map((f) => sql`${classChanges.diff} ? ${f}`)),
      ),
    );
  counts.class_changes = 0;
  for (const ch of changes) {
    const diff = structuredClone(ch.diff);
    let changed = false;
    for (const f of LECTURER_FIELDS) {
      for (const side of ["from", "to"] as const) {
        const d = diff[f];
        if (!d || !isTheirs(d[side])) continue;
        d[side] = "";
        changed = true;
      }
    }
    if (!changed) continue;
    await tx.update(classChanges).set({ diff }).where(eq(classChanges.id, ch.id));
    counts.class_changes++;
  }
  const rules = await tx
    .select({ activityId: followupRules.activityId, config: followupRules.config })
    .from(followupRules)
    .where(inArray(followupRules.activityId, s.activityIds));
  counts.followup_rules = 0;
  for (const r of rules) {
    const mentorEmails = r.config.mentorEmails.filter((e) => !emails.has(e.trim().toLowerCase()));
    if (mentorEmails.length === r.config.mentorEmails.length) continue;
    await tx
      .update(followupRules)
      .set({ config: { ...r.config, mentorEmails } })
      .where(eq(followupRules.activityId, r.activityId));
    counts.followup_rules++;
  }
}
