import { z } from "zod";
import { intSchema } from "./common.js";

/** One entry of core_message_send_instant_messages; `msgid: -1` plus `errormessage` means not sent. */
export const sentMessageSchema = z.looseObject({
  msgid: intSchema,
  clientmsgid: z.string().optional(),
  text: z.string().optional(),
  timecreated: intSchema.optional(),
  conversationid: intSchema.optional(),
  useridfrom: intSchema.optional(),
  errormessage: z.string().optional(),
  candeletemessagesforallusers: z.boolean().optional(),
});
export type SentMessage = z.infer<typeof sentMessageSchema>;

/** core_message_send_instant_messages: one entry per message, in order. */
export const sentMessagesSchema = z.array(sentMessageSchema);
