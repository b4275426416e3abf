import type { FakeMoodleCall } from "./fake-moodle.js";
import { fixtureResponse, type Fixture } from "./load-fixtures.js";

let nextItemId = 0;

/**
 * Answers /webservice/upload.php like Moodle: `{error, errorcode}` for a bad token, otherwise one entry per
 * file, shaped after the recorded answer, all in one draft item (the given `itemid`, or a new one).
 */
export function answerUpload(
  fixtures: ReadonlyMap<string, Fixture>,
  call: FakeMoodleCall,
  ownerByToken: ReadonlyMap<string, string>,
): unknown {
  if (!ownerByToken.has(call.token ?? "")) return fixtureResponse(fixtures, "errors-webservice-upload-invalid-token");
  if (call.files.length === 0) {
    return {
      error: "No files were uploaded",
      errorcode: "nofile",
      stacktrace: null,
      debuginfo: null,
      reproductionlink: null,
    };
  }
  const recorded = fixtureResponse(fixtures, "webservice-upload") as Record<string, unknown>[];
  const template = recorded[0] ?? {};
  const given = Number(call.form["itemid"] ?? 0);
  const itemid = given > 0 ? given : Number(template["itemid"]) + nextItemId++;
  return call.files.map((file) => ({
    ...template,
    filename: file.filename,
    filepath: call.form["filepath"] ?? "/",
    itemid,
    filesize: file.size,
    source: `O:8:"stdClass":1:{s:6:"source";s:${Buffer.byteLength(file.filename)}:"${file.filename}";}`,
  }));
}
