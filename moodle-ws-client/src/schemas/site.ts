import { z } from "zod";
import { flagSchema, intSchema } from "./common.js";

/** core_webservice_get_site_info: who the token belongs to and which functions its service allows. */
export const siteInfoSchema = z.looseObject({
  sitename: z.string(),
  username: z.string(),
  firstname: z.string(),
  lastname: z.string(),
  fullname: z.string(),
  lang: z.string().optional(),
  userid: intSchema,
  siteurl: z.string(),
  userpictureurl: z.string().optional(),
  functions: z.array(z.looseObject({ name: z.string(), version: z.string() })),
  downloadfiles: flagSchema.optional(),
  uploadfiles: flagSchema.optional(),
  release: z.string().optional(),
  version: z.string().optional(),
  siteid: intSchema.optional(),
  userissiteadmin: z.boolean().optional(),
});
export type SiteInfo = z.infer<typeof siteInfoSchema>;
