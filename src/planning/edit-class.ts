import { queueChange } from "./timeline/queue-change.js";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { Invalid, NotFound } from "../errors.js";
import type { Actor } from "../lti/actor.js";
import { updateStudyClass } from "./class-queries.js";
import { normaliseGroups } from "./import/parse-values.js";
import { getClass, getPlanningSettings } from "./queries.js";
import { diffOf, recordChange } from "./record-change.js";
import { intervalOf, slotContaining, type TimeProblem } from "./slots.js";

const hhmm = z
  .string()
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "planning.form.bad_time")
  .transform((v) => v.padStart(5, "0"));

/** What the edit form says, and under which field, when the times do not make an interval. */
const FORM_PROBLEM: Record<TimeProblem, [string, { field: string }]> = {
  bad_date: ["planning.form.bad_time", { field: "start" }],
  bad_time: ["planning.form.bad_time", { field: "start" }],
  unknown_slot: ["planning.form.outside_slots", { field: "start" }],
  no_such_local_time: ["planning.form.no_such_local_time", { field: "start" }],
  end_before_start: ["planning.form.end_before_start", { field: "end" }],
};

/** The coordinator's edit of a class: time, lecturer, groups, and optionally a meeting link pasted by hand. */
export const editClassSchema = z.object({
  start: hhmm,
  end: hhmm,
  lecturerName: z.string().trim().min(1, "planning.form.required").max(200),
  lecturerEmail: z.string().trim().toLowerCase().pipe(z.email("planning.form.bad_email")),
  groups: z.string().trim().max(500).transform(normaliseGroups),
  // the link's own message first: the form shows a field's first message
  manualUrl: z
    .string()
    .trim()
    .refine((v) => v === "" || /^https:\/\/\S+$/.test(v), "planning.form.bad_url")
    .max(1000)
    .transform((v) => v || null),
});
export type EditClassInput = z.infer<typeof editClassSchema>;

/**
 * Changes a class and records what changed. A class moved in time gives up its Zoom lane (the next assignment
 * re-places it and updates its meeting); a pasted link switches the class to manual-link mode. Answers the class's
 * date (an edit never moves a class to another day), for the way back to its plan.
 */
export async function editClass(
  db: Db,
  actor: Actor,
  classId: number,
  input: EditClassInput,
  now: Date,
): Promise<{ classDate: string }> {
  const before = await getClass(db, actor.platformId, classId);
  if (!before) throw NotFound();
  const settings = await getPlanningSettings(db, actor.platformId);
  const interval = intervalOf(before.classDate, input.start, input.end, settings.timezone);
  if ("problem" in interval) throw Invalid(...FORM_PROBLEM[interval.problem]);
  const slot = slotContaining(input.start, input.end, settings.slots);
  if (!slot) throw Invalid("planning.form.outside_slots", { field: "start" });
  const fields = {
    slotNo: slot.no,
    startsAt: interval.startsAt,
    endsAt: interval.endsAt,
    lecturerName: input.lecturerName,
    lecturerEmail: input.lecturerEmail,
    groups: input.groups,
    manualUrl: input.manualUrl,
    linkMode: input.manualUrl ? ("manual" as const) : ("zoom" as const),
  };
  const diff = diffOf(before, fields);
  if (Object.keys(diff).length === 0) return { classDate: before.classDate };
  const moved = Boolean(diff.startsAt || diff.endsAt) || fields.linkMode === "manual";
  const release = moved && before.zoomHostId ? { zoomHostId: null, zoomLane: null, hostConcurrency: null } : {};
  await db.transaction(async (tx) => {
    await updateStudyClass(tx, before.id, {
      ...fields,
      ...release,
      state: before.state === "cancelled" ? "cancelled" : "changed",
      updatedAt: now,
    });
    await recordChange(tx, actor, before.id, "edited", diff, now);
    await queueChange(tx, before, { ...before, ...fields }, diff, now);
  });
  return { classDate: before.classDate };
}
