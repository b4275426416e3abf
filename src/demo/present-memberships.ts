import type { DemoPerson } from "./demo-people.js";

export interface MembershipsPage {
  /** The NRPS membership container (its JSON). */
  container: Record<string, unknown>;
  /** The next page's URL for the Link header, or null on the last page. */
  next: string | null;
}

/**
 * One page of a course's members as Moodle's Names and Roles service writes it (the container's `id` is the
 * service URL; a `rel="next"` link until the last page), so ltijs pages through the demo roster as through Moodle's.
 */
export function presentMemberships(
  url: string,
  course: { id: string; label: string; title: string },
  people: readonly DemoPerson[],
  page: { from: number; limit: number },
): MembershipsPage {
  const { from, limit } = page;
  return {
    container: {
      id: url,
      context: { id: course.id, label: course.label, title: course.title },
      members: people.slice(from, from + limit).map((p) => ({
        status: "Active",
        roles: [p.role],
        user_id: p.id,
        name: `${p.given} ${p.family}`,
        given_name: p.given,
        family_name: p.family,
        email: p.email,
      })),
    },
    next: from + limit < people.length ? `${url}?limit=${limit}&from=${from + limit}` : null,
  };
}
