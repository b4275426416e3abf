import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fixtureResponse, fixturesDir, loadFixtures, type Fixture } from "./load-fixtures.js";
import type { PhpFormValue } from "./parse-php-form.js";
import { readCall } from "./read-call.js";
import { pickRecording } from "./pick-recording.js";
import { answerUpload } from "./fake-upload.js";

/** The path of Moodle's multipart upload endpoint; also the key for `setResponse` on it. */
export const UPLOAD_ENDPOINT = "/webservice/upload.php";
const REST_ENDPOINT = "/webservice/rest/server.php";

/** One request the fake received, for assertions. */
export interface FakeMoodleCall {
  endpoint: "rest" | "upload" | "other";
  method: string;
  path: string;
  /** The wsfunction, or UPLOAD_ENDPOINT for uploads. */
  wsfunction: string | undefined;
  token: string | undefined;
  /** The form fields as sent (flat, PHP bracket names), without files. */
  form: Record<string, string>;
  /** The same, rebuilt into nested params the way PHP reads them (wstoken, wsfunction, moodlewsrestformat removed). */
  params: Record<string, PhpFormValue>;
  rawBody: string;
  files: { field: string; filename: string; size: number; type: string; text: string }[];
}

/** A reply with full control over status, body and timing; return it from a `setResponse` handler. */
export class FakeReply {
  constructor(
    readonly options: { status?: number; json?: unknown; raw?: string; contentType?: string; delayMs?: number },
  ) {}
}

/** `setResponse` accepts a JSON body or a handler; a handler returning undefined falls back to the recordings. */
export type FakeResponder = (call: FakeMoodleCall, callNumber: number) => unknown;

/** Options of startFakeMoodle. */
export interface FakeMoodleOptions {
  /** Folder of recordings; default MOODLE_FIXTURES_DIR or test/fixtures/moodle-ws. */
  fixturesDir?: string;
  /** The functions of the token's external service; default the `functions` of the recorded site info. */
  serviceFunctions?: string[];
}

/** A running fake Moodle. Everything mutable is meant to be changed by tests. */
export interface FakeMoodle {
  baseUrl: string;
  /** The admin's token (the owner of most recordings). */
  token: string;
  /** A token per recorded user: `tokens["janis.berzins"]` is a student's, for the nopermissions recordings. */
  tokens: Record<string, string>;
  calls: FakeMoodleCall[];
  /** Functions in the service; delete one to get the real `accessexception`. */
  serviceFunctions: Set<string>;
  fixtures: ReadonlyMap<string, Fixture>;
  /** Switches: an HTML error page with this status instead of every answer, and a delay before every answer. */
  simulate: { htmlErrorPage: number | false; delayMs: number };
  /** Answers `wsfunction` (or UPLOAD_ENDPOINT) with `body`, or with what `handler(call, n)` returns. */
  setResponse(wsfunction: string, bodyOrHandler: unknown): void;
  clearResponses(): void;
  /** The recorded response of a fixture file (name without .json), as a fresh copy. */
  fixture(name: string): unknown;
  /** Stops listening but keeps the port number, so clients get ECONNREFUSED; `false` listens again. */
  setPortClosed(closed: boolean): Promise<void>;
  close(): Promise<void>;
}

const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html dir="ltr" lang="en" xml:lang="en"><head><title>Error | Lab Moodle</title></head>
<body><div class="errorbox"><p class="errormessage">Error reading from database</p>
<p class="errorcode"><a href="https://docs.moodle.org/404/en/error/moodle/dbconnectionfailed">More information about this error</a></p></div></body></html>`;

/**
 * Starts a Moodle look-alike on 127.0.0.1 that answers from the real recordings with Moodle's quirks:
 * errors as HTTP 200, `invalidtoken` for unknown tokens, `accessexception` for functions outside the service,
 * the upload endpoint's own error shape, and switches for HTML error pages, slow answers and a closed port.
 */
export async function startFakeMoodle(options: FakeMoodleOptions = {}): Promise<FakeMoodle> {
  const fixtures = loadFixtures(options.fixturesDir ?? fixturesDir());
  const siteInfo = fixtureResponse(fixtures, "core_webservice_get_site_info") as { functions: { name: string }[] };
  const owners = new Set([...fixtures.values()].flatMap((f) => (f.owner ? [f.owner] : [])));
  const tokens = Object.fromEntries([...owners].map((o) => [o, `fake-token-${o.replace(/\W/g, "-")}`]));
  const ownerByToken = new Map(Object.entries(tokens).map(([o, t]) => [t, o]));
  const overrides = new Map<string, unknown>();
  const counts = new Map<string, number>();
  const seenRecordings = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const fake: FakeMoodle = {
    baseUrl: "",
    token: tokens["admin"] ?? "fake-token-admin",
    tokens,
    calls: [],
    serviceFunctions: new Set(options.serviceFunctions ?? siteInfo.functions.map((f) => f.name)),
    fixtures,
    simulate: { htmlErrorPage: false, delayMs: 0 },
    setResponse: (fn, value) => void overrides.set(fn, value),
    clearResponses: () => overrides.clear(),
    fixture: (name) => fixtureResponse(fixtures, name),
    setPortClosed: async (closed) => (closed ? stop(server) : listen(server, port)),
    close: async () => {
      timers.forEach(clearTimeout);
      await stop(server);
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const call = await readCall(req, REST_ENDPOINT, UPLOAD_ENDPOINT);
    fake.calls.push(call);
    const n = (counts.get(call.wsfunction ?? "") ?? 0) + 1;
    counts.set(call.wsfunction ?? "", n);
    const answered = answer(call, n);
    const reply = answered instanceof FakeReply ? answered : new FakeReply({ json: answered });
    const delayMs = reply.options.delayMs ?? fake.simulate.delayMs;
    if (delayMs > 0) await new Promise<void>((r) => timers.add(setTimeout(r, delayMs)));
    if (res.destroyed) return;
    const { status = 200, raw, contentType } = reply.options;
    const body = raw ?? JSON.stringify(reply.options.json ?? null);
    res.writeHead(status, { "Content-Type": contentType ?? "application/json; charset=utf-8" });
    res.end(body);
  }

  function answer(call: FakeMoodleCall, n: number): unknown {
    if (fake.simulate.htmlErrorPage !== false) {
      return new FakeReply({
        status: fake.simulate.htmlErrorPage,
        raw: HTML_ERROR_PAGE,
        contentType: "text/html; charset=utf-8",
      });
    }
    if (call.wsfunction !== undefined && overrides.has(call.wsfunction)) {
      const override = overrides.get(call.wsfunction);
      const value = typeof override === "function" ? (override as FakeResponder)(call, n) : override;
      if (value !== undefined) return value;
    }
    if (call.endpoint === "upload") return answerUpload(fixtures, call, ownerByToken);
    if (call.endpoint !== "rest") return new FakeReply({ status: 404, raw: HTML_ERROR_PAGE, contentType: "text/html" });
    return answerRest(call);
  }

  function answerRest(call: FakeMoodleCall): unknown {
    if (call.form["moodlewsrestformat"] !== "json") {
      // Without moodlewsrestformat=json Moodle answers XML.
      return new FakeReply({
        raw: '<?xml version="1.0" encoding="UTF-8" ?>\n<RESPONSE></RESPONSE>\n',
        contentType: "application/xml",
      });
    }
    const owner = ownerByToken.get(call.token ?? "");
    if (!owner) return fake.fixture("errors-invalid-token");
    const fn = call.wsfunction ?? "";
    if (!fake.serviceFunctions.has(fn)) return fake.fixture("errors-function-not-in-service");
    const recorded = pickRecording(fixtures, fn, owner, new URLSearchParams(call.form), seenRecordings);
    if (recorded !== undefined) return recorded;
    return {
      exception: "coding_exception",
      errorcode: "codingerror",
      message: `fake-moodle has no recording for ${fn}`,
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`fake-moodle failed: ${String(error)}`);
    });
  });
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  return fake;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function stop(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
