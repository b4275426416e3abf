import { z } from "zod";

/** An integer that Moodle sends sometimes as a number, sometimes as a numeric string; always a number for us. */
export const intSchema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Moodle's 0/1 flags, also seen as booleans and as strings. */
export const flagSchema = z.union([z.number(), z.boolean(), z.string()]);

/** One entry of Moodle's `warnings[]`. */
export const warningSchema = z.looseObject({
  item: z.string().optional(),
  itemid: z.union([z.number(), z.string()]).optional(),
  warningcode: z.string(),
  message: z.string(),
});

/** `warnings[]`, absent or empty on full success. */
export const warningsSchema = z.array(warningSchema).default([]);
