import { desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courses } from "../db/schema.js";
import { AppError } from "../errors.js";
import { translator, type T } from "../i18n/i18n.js";
import { localeFrom } from "../lti/actor.js";
import { presentConnection, reportAsText } from "./present.js";
import { runConnectionCheck } from "./run-connection-check.js";
import { saveConnection, saveConnectionSchema } from "./save-connection.js";

/** The CLI's options that the moodle:* commands read. */
export interface MoodleCommandOptions {
  platform?: string | undefined;
  url?: string | undefined;
  token?: string | undefined;
  course?: string | undefined;
  lang?: string | undefined;
}

/** Answer of a moodle:* command: what to print, and whether it went well (the exit code). */
export interface CommandResult {
  ok: boolean;
  output: string;
}

// Without --course, the capabilities are tried in the platform's most recently launched course.
async function courseFor(db: Db, platformId: string, course: string | undefined): Promise<number | null> {
  if (course) return /^\d+$/.test(course) ? Number(course) : null;
  const [row] = await db
    .select({ contextId: courses.contextId })
    .from(courses)
    .where(eq(courses.platformId, platformId))
    .orderBy(desc(courses.createdAt))
    .limit(1);
  return row && /^\d+$/.test(row.contextId) ? Number(row.contextId) : null;
}

// An AppError's message key is for people: the command line prints its sentence and hint, not the key.
async function spoken<R>(t: T, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new Error([t(err.messageKey), t(`${err.messageKey}_hint`, { defaultValue: "" })].filter(Boolean).join(" "), {
      cause: err,
    });
  }
}

/**
 * `moodle:connect` stores a platform's Moodle URL and token (sealed); `moodle:check` checks it and prints the
 * report in --lang (lv by default). `platformIds` are the registered platforms, so a typo is caught.
 */
export async function runMoodleCommand(
  command: "moodle:connect" | "moodle:check",
  db: Db,
  encryptionKey: string,
  platformIds: readonly string[],
  o: MoodleCommandOptions,
  now: Date,
): Promise<CommandResult> {
  if (!o.platform) throw new Error(`${command} needs --platform ID (see platform:list)`);
  if (!platformIds.includes(o.platform))
    throw new Error(`No registered platform with id ${o.platform} (see platform:list)`);
  const platformId = o.platform;
  const t = translator(localeFrom(o.lang ?? "lv"));
  if (command === "moodle:connect") {
    const parsed = saveConnectionSchema.safeParse({ baseUrl: o.url ?? "", token: o.token ?? "" });
    if (!parsed.success)
      throw new Error(parsed.error.issues.map((i) => `${String(i.path[0])}: ${t(i.message)}`).join("; "));
    const row = await spoken(t, () => saveConnection(db, encryptionKey, platformId, parsed.data, "cli", now));
    const view = presentConnection(row);
    return {
      ok: true,
      output: `${platformId}  ${view.baseUrl}  token ${view.tokenMasked}\n${t("bridge.admin.saved")}`,
    };
  }
  const moodleCourseId = await courseFor(db, platformId, o.course);
  const report = await spoken(t, () => runConnectionCheck(db, encryptionKey, platformId, { moodleCourseId, now }));
  return { ok: report.ok, output: reportAsText(report, t) };
}
