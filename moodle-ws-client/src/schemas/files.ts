import { z } from "zod";
import { intSchema } from "./common.js";

/** core_files_upload: the stored draft file; `itemid` is the draft area to pass on (e.g. attachmentsid). */
export const uploadedFileSchema = z.looseObject({
  contextid: intSchema,
  component: z.string(),
  filearea: z.string(),
  itemid: intSchema,
  filepath: z.string(),
  filename: z.string(),
  url: z.string().optional(),
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/** One file stored by /webservice/upload.php (note `userid` arrives as a string). */
export const draftFileSchema = z.looseObject({
  component: z.string(),
  contextid: intSchema,
  userid: intSchema.optional(),
  filearea: z.string(),
  filename: z.string(),
  filepath: z.string(),
  itemid: intSchema,
  filesize: intSchema.optional(),
});
export type DraftFile = z.infer<typeof draftFileSchema>;

/** /webservice/upload.php's success answer. */
export const draftFilesSchema = z.array(draftFileSchema);
