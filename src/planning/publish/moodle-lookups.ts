import { getCourseGroups, getCoursesByField, type MoodleClient } from "moodle-ws-client";

/** Moodle look-ups made once per publishing run: a course by shortname (or id), a course's groups by name. */
export interface MoodleLookups {
  courseId(ref: string): Promise<number | null>;
  groupIds(courseId: number): Promise<Map<string, number>>;
}

/** Cached look-ups over one client (the cache lives as long as one publishing run). */
export function moodleLookups(client: MoodleClient): MoodleLookups {
  const courses = new Map<string, Promise<number | null>>();
  const groups = new Map<number, Promise<Map<string, number>>>();
  const findCourse = async (ref: string) => {
    const byName = await getCoursesByField(client, { field: "shortname", value: ref });
    if (byName.courses[0]) return byName.courses[0].id;
    if (!/^\d+$/.test(ref)) return null;
    const byId = await getCoursesByField(client, { field: "id", value: Number(ref) });
    return byId.courses[0]?.id ?? null;
  };
  const findGroups = async (courseId: number) => {
    const map = new Map<string, number>();
    for (const g of await getCourseGroups(client, courseId)) {
      map.set(g.name.trim().toLowerCase(), g.id);
      if (g.idnumber) map.set(String(g.idnumber).trim().toLowerCase(), g.id);
    }
    return map;
  };
  const cached = <K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>) => {
    if (!cache.has(key))
      cache.set(
        key,
        load().catch((err: unknown) => {
          cache.delete(key);
          throw err;
        }),
      );
    return cache.get(key)!;
  };
  return {
    courseId: (ref) => cached(courses, ref.trim().toLowerCase(), () => findCourse(ref.trim())),
    groupIds: (courseId) => cached(groups, courseId, () => findGroups(courseId)),
  };
}
