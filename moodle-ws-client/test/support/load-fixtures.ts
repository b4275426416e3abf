import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One recorded call from ../shared/fixtures/moodle-ws (see its README). */
export interface Fixture {
  /** File name without `.json`, e.g. `core_calendar_get_calendar_events-with-groups`. */
  name: string;
  /** The wsfunction, or `(endpoint) /webservice/upload.php`. */
  function: string;
  params: Record<string, unknown>;
  response: unknown;
  /** Username of the token's owner (`admin`, `janis.berzins` …); undefined for the invalid-token recording. */
  owner: string | undefined;
  /** The exact recorded form body, token masked as TOKEN; undefined for the upload endpoint. */
  requestBody: string | undefined;
  note: string;
}

/** Where the recordings live: MOODLE_FIXTURES_DIR, else the copy kept in the repo (test/fixtures/moodle-ws). */
export function fixturesDir(): string {
  const fromEnv = process.env.MOODLE_FIXTURES_DIR;
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL("../../../test/fixtures/moodle-ws/", import.meta.url));
}

/** Reads every fixture file of the folder (not the lti/ subfolder), keyed by name. */
export function loadFixtures(dir: string = fixturesDir()): Map<string, Fixture> {
  const fixtures = new Map<string, Fixture>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const raw = JSON.parse(readFileSync(join(dir, file), "utf8")) as {
      function: string;
      params?: Record<string, unknown>;
      response: unknown;
      _meta?: { token_owner?: string; request_body?: string; note?: string };
    };
    const ownerText = raw._meta?.token_owner ?? "";
    const owner = /\(user id \d+/.test(ownerText) ? ownerText.split(" ")[0] : undefined;
    const name = file.replace(/\.json$/, "");
    fixtures.set(name, {
      name,
      function: raw.function,
      params: raw.params ?? {},
      response: raw.response,
      owner,
      requestBody: raw._meta?.request_body || undefined,
      note: raw._meta?.note ?? "",
    });
  }
  return fixtures;
}

/** The recorded response of a fixture, or an error naming the missing file. */
export function fixtureResponse(fixtures: ReadonlyMap<string, Fixture>, name: string): unknown {
  const fixture = fixtures.get(name);
  if (!fixture) throw new Error(`No fixture ${name}.json in ${fixturesDir()}`);
  return structuredClone(fixture.response);
}
