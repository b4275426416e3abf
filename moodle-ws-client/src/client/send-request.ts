import axios, { type AxiosInstance } from "axios";
import { MoodleNetworkError, MoodleTimeoutError } from "../errors/moodle-errors.js";

/** Raw HTTP answer, before anyone decides whether it is an error. */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

// Failures that happen while connecting: the request never left this machine, so even a write may be repeated.
const PRE_SEND_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);

/**
 * Posts one request and returns the raw answer whatever its status, so Moodle's HTTP-200 errors and
 * HTML pages are judged by the caller. Transport failures become MoodleTimeoutError or MoodleNetworkError.
 */
export async function sendRequest(
  http: AxiosInstance,
  url: string,
  body: string | FormData,
  wsfunction: string,
  timeoutMs: number,
): Promise<RawAnswer> {
  try {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (typeof body === "string") headers["Content-Type"] = "application/x-www-form-urlencoded";
    const res = await http.post<string>(url, body, { headers });
    return { status: res.status, contentType: String(res.headers["content-type"] ?? ""), text: res.data };
  } catch (error) {
    if (!axios.isAxiosError(error)) throw error;
    const code = error.code;
    if (code === "ECONNABORTED" || code === "ETIMEDOUT") {
      return Promise.reject(
        new MoodleTimeoutError(
          `Moodle did not answer ${wsfunction} within ${timeoutMs} ms. The call may still have been carried out; ` +
            "check Moodle before repeating a change.",
          { errorcode: "timeout", wsfunction, retryable: true, cause: error },
        ),
      );
    }
    const sent = !(code !== undefined && PRE_SEND_CODES.has(code));
    return Promise.reject(
      new MoodleNetworkError(
        `Could not reach Moodle for ${wsfunction} (${code ?? error.message}). ` +
          (sent ? "The connection broke after the request was sent." : "Check the base URL and that Moodle is up."),
        { errorcode: "network", wsfunction, retryable: true, code, sent, cause: error },
      ),
    );
  }
}
