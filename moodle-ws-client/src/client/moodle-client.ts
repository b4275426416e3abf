import axios, { type AxiosInstance } from "axios";
import { z } from "zod";
import { MoodleError } from "../errors/moodle-error.js";
import { MoodleNetworkError } from "../errors/moodle-errors.js";
import { isReadFunction } from "./read-functions.js";
import { readRestAnswer, readUploadAnswer } from "./read-answer.js";
import { sendRequest, type RawAnswer } from "./send-request.js";
import { buildRestBody, type MoodleParams } from "./serialize-params.js";

/** Pino-compatible, all methods optional, so any logger (or none) fits. */
export interface MoodleLogger {
  debug?(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
}

/** The parts of the configuration that can be wrong at runtime (they often come from a database or env). */
export const moodleClientConfigSchema = z.object({
  baseUrl: z.url(),
  token: z.string().min(1),
  timeoutMs: z.number().int().positive().default(30_000),
  retries: z.number().int().min(0).max(10).default(2),
  strict: z.boolean().default(false),
});

/** Options of `new MoodleClient(...)`. */
export interface MoodleClientOptions extends z.input<typeof moodleClientConfigSchema> {
  logger?: MoodleLogger;
  /** Delay before retry number `attempt` (1-based). Default: 300 ms doubling, with jitter. */
  backoff?: (attempt: number) => number;
  /** How to wait; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Passed to axios; `false` ignores HTTP(S)_PROXY from the environment. */
  proxy?: false;
}

/** Per-call options. */
export interface CallOptions {
  /** Treat this call as safe to repeat even though it is not in READ_FUNCTIONS. */
  idempotent?: boolean;
}

/** A file for /webservice/upload.php. */
export interface UploadFile {
  filename: string;
  content: Blob | Uint8Array | string;
  contentType?: string;
}

const defaultBackoff = (attempt: number): number => 300 * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One connection to one Moodle site: posts web-service calls, turns Moodle's many ways of failing into
 * typed errors, and retries only what is safe to retry (reads, and requests that never left this machine).
 */
export class MoodleClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Default for the wrappers' `strict` option: throw on `warnings[]` / unsent messages instead of returning them. */
  readonly strict: boolean;
  readonly #token: string;
  readonly #http: AxiosInstance;
  readonly #logger: MoodleLogger;
  readonly #backoff: (attempt: number) => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: MoodleClientOptions) {
    const config = moodleClientConfigSchema.parse(options);
    this.baseUrl = config.baseUrl.replace(/\/+$/, "");
    this.#token = config.token;
    this.timeoutMs = config.timeoutMs;
    this.retries = config.retries;
    this.strict = config.strict;
    this.#logger = options.logger ?? {};
    this.#backoff = options.backoff ?? defaultBackoff;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#http = axios.create({
      timeout: config.timeoutMs,
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
      ...(options.proxy === false ? { proxy: false as const } : {}),
    });
  }

  /** Calls a web-service function and returns its decoded result (`null` included), or throws a MoodleError. */
  async call(wsfunction: string, params: MoodleParams = {}, options: CallOptions = {}): Promise<unknown> {
    const body = buildRestBody(this.#token, wsfunction, params);
    const url = `${this.baseUrl}/webservice/rest/server.php`;
    const isSafe = options.idempotent ?? isReadFunction(wsfunction);
    return this.#withRetries(wsfunction, isSafe, async () =>
      readRestAnswer(await this.#post(url, body, wsfunction), wsfunction),
    );
  }

  /**
   * Uploads files to the token user's draft area through /webservice/upload.php (multipart) and returns
   * Moodle's list of stored files; their `itemid` is what forum posts and other writes take as attachments.
   */
  async upload(files: UploadFile[], fields: { itemid?: number; filepath?: string } = {}): Promise<unknown> {
    const endpoint = "/webservice/upload.php";
    const url = `${this.baseUrl}${endpoint}`;
    return this.#withRetries(endpoint, false, async () => {
      const form = new FormData();
      form.append("token", this.#token);
      form.append("filearea", "draft");
      form.append("itemid", String(fields.itemid ?? 0));
      if (fields.filepath) form.append("filepath", fields.filepath);
      files.forEach((file, i) => form.append(`file_${i + 1}`, toBlob(file), file.filename));
      return readUploadAnswer(await this.#post(url, form, endpoint), endpoint);
    });
  }

  async #post(url: string, body: string | FormData, wsfunction: string): Promise<RawAnswer> {
    const started = Date.now();
    const answer = await sendRequest(this.#http, url, body, wsfunction, this.timeoutMs);
    this.#logger.debug?.({ wsfunction, status: answer.status, ms: Date.now() - started }, "moodle call");
    return answer;
  }

  async #withRetries<T>(wsfunction: string, isSafe: boolean, attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof MoodleError) || tries >= this.retries || !mayRetry(error, isSafe)) throw error;
        const delayMs = this.#backoff(tries + 1);
        this.#logger.warn?.(
          { wsfunction, errorcode: error.errorcode, retry: tries + 1, delayMs },
          "retrying moodle call",
        );
        await this.#sleep(delayMs);
      }
    }
  }
}

// Reads may be repeated after any transient failure; writes only when the request never left this machine.
function mayRetry(error: MoodleError, isSafe: boolean): boolean {
  if (error instanceof MoodleNetworkError && !error.sent) return true;
  return isSafe && error.retryable;
}

function toBlob(file: UploadFile): Blob {
  if (file.content instanceof Blob) return file.content;
  const type = file.contentType ?? "application/octet-stream";
  return new Blob([file.content as BlobPart], { type });
}
