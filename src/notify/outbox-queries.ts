import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { courses, notifyDeliveries, notifyMessages } from "../db/schema.js";
import type { OutboxScope } from "./outbox-scope.js";
import type { OutboxFilter } from "./schemas.js";

export const OUTBOX_PAGE_SIZE = 50;

function scoped(scope: OutboxScope, ...more: (SQL | undefined)[]) {
  return and(
    eq(notifyMessages.platformId, scope.platformId),
    scope.courseIds ? inArray(notifyMessages.courseId, scope.courseIds) : undefined,
    ...more,
  );
}

const columns = {
  delivery: notifyDeliveries,
  kind: notifyMessages.kind,
  dedupeKey: notifyMessages.dedupeKey,
  data: notifyMessages.data,
  timezone: notifyMessages.timezone,
  createdAt: notifyMessages.createdAt,
  platformId: notifyMessages.platformId,
  courseTitle: courses.title,
};

/** One page of the actor's outbox, newest first, with the total for the filters. */
export async function listOutbox(db: Db, scope: OutboxScope, filter: OutboxFilter) {
  const where = scoped(
    scope,
    filter.state ? eq(notifyDeliveries.state, filter.state) : undefined,
    filter.kind ? eq(notifyMessages.kind, filter.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(columns)
      .from(notifyDeliveries)
      .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
      .leftJoin(courses, eq(courses.id, notifyMessages.courseId))
      .where(where)
      .orderBy(desc(notifyDeliveries.dueAt), desc(notifyDeliveries.id))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((filter.page - 1) * OUTBOX_PAGE_SIZE),
    db
      .select({ n: count() })
      .from(notifyDeliveries)
      .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export type OutboxRow = Awaited<ReturnType<typeof listOutbox>>["rows"][number];

/** One delivery in the actor's scope; null when missing or outside it (the same answer). */
export async function getOutboxDelivery(db: Db, scope: OutboxScope, id: number): Promise<OutboxRow | null> {
  const [row] = await db
    .select(columns)
    .from(notifyDeliveries)
    .innerJoin(notifyMessages, eq(notifyMessages.id, notifyDeliveries.messageId))
    .leftJoin(courses, eq(courses.id, notifyMessages.courseId))
    .where(scoped(scope, eq(notifyDeliveries.id, id)));
  return row ?? null;
}
