/** Anything that names a person: a course member row, a report row, a coordinator (only `name`). */
export interface PersonName {
  familyName?: string | null;
  givenName?: string | null;
  name?: string | null;
  userId?: string | null;
}

/** Latvian alphabetical order (A Ā B C Č ... K Ķ L Ļ ... S Š ... Z Ž), made once: a collator per comparison is slow. */
export const latvianCollator = new Intl.Collator("lv");

const family = (p: PersonName) => p.familyName || p.name || p.userId || "";

/**
 * The one order of people everywhere a list of them is shown or written (register, report, participants,
 * exports, PDFs, messages): family name, then given name, by Intl.Collator("lv"), then the id so that two
 * people of the same name keep a stable order. Someone without a family name is sorted by their full name.
 */
export function comparePeople(a: PersonName, b: PersonName): number {
  return (
    latvianCollator.compare(family(a), family(b)) ||
    latvianCollator.compare(a.givenName ?? "", b.givenName ?? "") ||
    latvianCollator.compare(a.name ?? "", b.name ?? "") ||
    (a.userId ?? "").localeCompare(b.userId ?? "", "en", { numeric: true })
  );
}

/** The people of a list in that order (a new array). */
export function sortPeople<P extends PersonName>(people: readonly P[]): P[] {
  return [...people].sort(comparePeople);
}
