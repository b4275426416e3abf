import type { ZoomParticipantRow } from "../zoom/zoom-client.js";

/** What a class's participants report comes to. */
export interface AttendeeCount {
  /** People in the report (rows summed per person). */
  participants: number;
  /** Of them, the course's students (by email, then by name). */
  students: number;
  /** Names in the report that match no student (the lecturer, guests, a student under another name), sorted in Latvian. */
  unmatched: string[];
}

const norm = (s: string) => s.normalize("NFC").trim().toLocaleLowerCase("lv").replace(/\s+/g, " ");

/**
 * Counts a participants report: one person per email (or per name when Zoom gives no email), however many join rows
 * they have; then matches them to the course's students by email first, then by name. Pure.
 */
export function countAttendees(
  rows: readonly ZoomParticipantRow[],
  students: ReadonlyArray<{ userId: string; name: string; email: string | null }>,
): AttendeeCount {
  const people = new Map<string, { name: string; email: string }>();
  for (const r of rows) {
    const key = r.user_email ? `e:${norm(r.user_email)}` : `n:${norm(r.name)}`;
    if (!people.has(key)) people.set(key, { name: r.name, email: norm(r.user_email) });
  }
  const byEmail = new Map(students.filter((s) => s.email).map((s) => [norm(s.email!), s.userId]));
  const byName = new Map(students.map((s) => [norm(s.name), s.userId]));
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const p of people.values()) {
    const id = (p.email && byEmail.get(p.email)) || byName.get(norm(p.name));
    if (id) found.add(id);
    else unmatched.push(p.name);
  }
  return {
    participants: people.size,
    students: found.size,
    unmatched: unmatched.sort(new Intl.Collator("lv").compare),
  };
}

/**
 * A class's count: Zoom's report (its students) where there is one, unless the lecturer entered a count after it
 * (a correction); the lecturer's count where Zoom has nothing; null when neither. Pure.
 */
export function finalCount(
  zoom: { students: number; at: Date } | null,
  lecturer: { attendees: number; at: Date } | null,
): { count: number; source: "zoom" | "lecturer" } | null {
  if (lecturer && (!zoom || lecturer.at > zoom.at)) return { count: lecturer.attendees, source: "lecturer" };
  if (zoom) return { count: zoom.students, source: "zoom" };
  return null;
}
