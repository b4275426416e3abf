import { z } from "zod";

const STATES = ["queued", "retrying", "sent", "failed", "skipped"] as const;

/** The outbox page's filters (query string); anything unknown is ignored, not an error. */
export const outboxFilterSchema = z.object({
  state: z.enum(STATES).optional().catch(undefined),
  kind: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type OutboxFilter = z.infer<typeof outboxFilterSchema>;

/** A delivery id in the URL. */
export const deliveryIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
