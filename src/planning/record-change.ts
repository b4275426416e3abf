import type { Db, Tx } from "../db/client.js";
import { insertClassChanges } from "./class-queries.js";
import type { Actor } from "../lti/actor.js";

export type ChangeDiff = Record<string, { from: unknown; to: unknown }>;
export type ChangeKind = "imported" | "edited" | "cancelled" | "zoom";

const comparable = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

/** The fields that differ between a row and its update, as { field: { from, to } } (dates as ISO text). */
export function diffOf<T extends Record<string, unknown>>(before: T, after: Partial<T>): ChangeDiff {
  const diff: ChangeDiff = {};
  for (const [field, to] of Object.entries(after)) {
    const from = comparable(before[field]);
    if (from !== comparable(to)) diff[field] = { from, to: comparable(to) };
  }
  return diff;
}

/** Records who changed which class, when and how; the diff is what later notifications tell people. */
export async function recordChange(
  db: Db | Tx,
  actor: Pick<Actor, "userId" | "name">,
  classId: number,
  kind: ChangeKind,
  diff: ChangeDiff,
  at: Date,
): Promise<void> {
  await insertClassChanges(db, [{ classId, kind, byUserId: actor.userId, byName: actor.name, diff, at }]);
}

/** recordChange for many classes in one statement (an import of a whole semester). */
export async function recordChanges(
  db: Db | Tx,
  actor: Pick<Actor, "userId" | "name">,
  changes: Array<{ classId: number; kind: ChangeKind; diff: ChangeDiff }>,
  at: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await insertClassChanges(
    db,
    changes.map((c) => ({ ...c, byUserId: actor.userId, byName: actor.name, at })),
  );
}
