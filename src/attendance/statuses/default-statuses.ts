import type { attendanceStatuses } from "../../db/schema.js";

type NewStatus = Omit<typeof attendanceStatuses.$inferInsert, "setId">;

/** Moodle's default set: P 2, L 1, E 1, A 0. Labels come from the catalog until a lecturer renames them. */
export function defaultStatuses(): NewStatus[] {
  return [
    { acronym: "P", defaultKey: "present", points: 2, position: 0, checkinUntilMinutes: 15 },
    { acronym: "L", defaultKey: "late", points: 1, position: 1, checkinUntilMinutes: 90 },
    { acronym: "E", defaultKey: "excused", points: 1, position: 2 },
    { acronym: "A", defaultKey: "absent", points: 0, position: 3, isUnmarkedDefault: true },
  ];
}
