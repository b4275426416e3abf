import { MoodleResponseError } from "../errors/moodle-errors.js";
import {
  moodleExceptionSchema,
  moodleUploadErrorSchema,
  toMoodleError,
  toMoodleUploadError,
} from "../errors/to-moodle-error.js";
import { decodeNestedJson } from "./decode-nested-json.js";
import type { RawAnswer } from "./send-request.js";

function notJson(answer: RawAnswer, wsfunction: string, isJson = false): MoodleResponseError {
  const isHtml = /^\s*<(!doctype|html)/i.test(answer.text) || answer.contentType.includes("text/html");
  const what = isJson ? "an unexpected JSON error" : isHtml ? "an HTML page" : "something that is not JSON";
  return new MoodleResponseError(
    `Moodle answered ${wsfunction} with ${what} (HTTP ${answer.status}) instead of a web-service result: ` +
      "maintenance mode, a PHP error, a proxy or login page, or a wrong base URL.",
    {
      errorcode: "invalidresponse",
      wsfunction,
      status: answer.status,
      bodySnippet: answer.text.slice(0, 500),
      retryable: answer.status >= 500 || answer.status === 429 || answer.status === 408,
    },
  );
}

function parseJson(answer: RawAnswer, wsfunction: string): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    throw notJson(answer, wsfunction);
  }
}

/**
 * Reads a REST answer the way Moodle means it: an exception body (sent with HTTP 200) throws its typed
 * error, `null` is a success, a double-encoded result is decoded, anything that is not JSON throws.
 */
export function readRestAnswer(answer: RawAnswer, wsfunction: string): unknown {
  const data = parseJson(answer, wsfunction);
  const exception = moodleExceptionSchema.safeParse(data);
  if (exception.success) throw toMoodleError(exception.data, wsfunction);
  if (answer.status < 200 || answer.status >= 300) throw notJson(answer, wsfunction, true);
  return decodeNestedJson(wsfunction, data);
}

/** Reads an answer of /webservice/upload.php, whose errors look like `{error, errorcode}`. */
export function readUploadAnswer(answer: RawAnswer, endpoint: string): unknown {
  const data = parseJson(answer, endpoint);
  const uploadError = moodleUploadErrorSchema.safeParse(data);
  if (uploadError.success) throw toMoodleUploadError(uploadError.data, endpoint);
  const exception = moodleExceptionSchema.safeParse(data);
  if (exception.success) throw toMoodleError(exception.data, endpoint);
  if (answer.status < 200 || answer.status >= 300) throw notJson(answer, endpoint, true);
  return data;
}
