import { writeFileSync } from "node:fs";
import type { Db } from "../db/client.js";
import { deletePerson } from "./delete-person.js";
import { exportPerson } from "./export-person.js";
import { findPerson, type PrivacyPlatform } from "./find-person.js";

/** The CLI's options that the privacy:* commands read. */
export interface PrivacyCommandOptions {
  platform?: string | undefined;
  user?: string | undefined;
  email?: string[] | undefined;
  out?: string | undefined;
  "dry-run"?: boolean | undefined;
}

/** The one platform `--platform` names, by id or issuer; an issuer with several client ids must be named by id. */
export function choosePlatform(platforms: readonly PrivacyPlatform[], ref: string | undefined): PrivacyPlatform {
  if (!ref) throw new Error("give the platform with --platform ID|ISSUER (see platform:list)");
  const wanted = ref.replace(/\/+$/, "");
  const chosen = platforms.filter((p) => p.id === ref || p.issuer.replace(/\/+$/, "") === wanted);
  if (chosen.length === 1) return chosen[0]!;
  throw new Error(
    chosen.length === 0
      ? `no such platform: ${ref} (see platform:list)`
      : `several platforms have the issuer ${ref}: give one id with --platform (${chosen.map((p) => p.id).join(", ")})`,
  );
}

const countLines = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `  ${name.padEnd(40)} ${n}`);

/**
 * `privacy:export` prints (or writes to --out) one JSON document of everything about the person; `privacy:delete`
 * deletes and anonymises it, or with --dry-run only counts. Returns what to print.
 */
export async function runPrivacyCommand(
  command: "privacy:export" | "privacy:delete",
  db: Db,
  platforms: readonly PrivacyPlatform[],
  o: PrivacyCommandOptions,
  now: Date,
): Promise<string> {
  const platform = choosePlatform(platforms, o.platform);
  const person = await findPerson(db, platform, o.user ?? "", o.email ?? []);
  if (command === "privacy:export") {
    const json = `${JSON.stringify(await exportPerson(db, person, now), null, 2)}\n`;
    if (!o.out) return json;
    writeFileSync(o.out, json, { mode: 0o600 });
    return `wrote ${o.out}\n`;
  }
  const dryRun = Boolean(o["dry-run"]);
  const result = await deletePerson(db, person, { dryRun }, now);
  const lines = countLines(result.counts);
  const head = dryRun
    ? `dry run: would delete or anonymise for user ${person.userId} on ${platform.id} (nothing changed)`
    : `deleted or anonymised user ${person.userId} on ${platform.id}; the course's records now say ${result.pseudonym}`;
  return `${[head, ...(lines.length ? lines : ["  nothing about this person"])].join("\n")}\n`;
}
