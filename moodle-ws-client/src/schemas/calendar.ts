import { z } from "zod";
import { intSchema, warningsSchema } from "./common.js";

/**
 * A calendar event. Moodle returns `groupid`, `categoryid`, `repeatid`, `modulename` and `instance`
 * as null for course events from core_calendar_get_calendar_events, but 0 / "" from create.
 */
export const calendarEventSchema = z.looseObject({
  id: intSchema,
  name: z.string(),
  description: z.string().nullish(),
  format: intSchema.optional(),
  courseid: intSchema.nullish(),
  categoryid: intSchema.nullish(),
  groupid: intSchema.nullish(),
  userid: intSchema.nullish(),
  repeatid: intSchema.nullish(),
  modulename: z.string().nullish(),
  instance: intSchema.nullish(),
  eventtype: z.string(),
  timestart: intSchema,
  timeduration: intSchema,
  visible: intSchema.optional(),
  timemodified: intSchema.optional(),
});
export type CalendarEvent = z.infer<typeof calendarEventSchema>;

/** core_calendar_create_calendar_events and core_calendar_get_calendar_events. */
export const calendarEventsResultSchema = z.object({ events: z.array(calendarEventSchema), warnings: warningsSchema });
export type CalendarEventsResult = z.infer<typeof calendarEventsResultSchema>;
