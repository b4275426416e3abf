import type { MoodleClient, UploadFile } from "../client/moodle-client.js";
import { parseResult } from "../client/parse-result.js";
import { draftFilesSchema, uploadedFileSchema, type DraftFile, type UploadedFile } from "../schemas/files.js";

/**
 * Uploads one file (base64) into the token user's draft area with core_files_upload, the only area this
 * function allows. Use the returned `itemid` as e.g. `attachmentsid`. Prefer uploadDraftFiles for big files.
 */
export async function uploadFile(
  client: MoodleClient,
  input: { filename: string; content: Uint8Array | string; itemid?: number; filepath?: string; userid: number },
): Promise<UploadedFile> {
  const fn = "core_files_upload";
  const bytes = typeof input.content === "string" ? new TextEncoder().encode(input.content) : input.content;
  const params = {
    contextlevel: "user",
    instanceid: input.userid,
    component: "user",
    filearea: "draft",
    itemid: input.itemid ?? 0,
    filepath: input.filepath ?? "/",
    filename: input.filename,
    filecontent: Buffer.from(bytes).toString("base64"),
  };
  return parseResult(uploadedFileSchema, await client.call(fn, params), fn);
}

/**
 * Uploads files through the multipart endpoint /webservice/upload.php (not a wsfunction; the service
 * needs "Can upload files"). All files land in one draft item; pass `itemid` to add to an existing one.
 */
export async function uploadDraftFiles(
  client: MoodleClient,
  files: UploadFile[],
  fields: { itemid?: number; filepath?: string } = {},
): Promise<DraftFile[]> {
  return parseResult(draftFilesSchema, await client.upload(files, fields), "/webservice/upload.php");
}
