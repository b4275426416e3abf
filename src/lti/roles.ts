/** What a launch's roles let a person do in Rollbook. */
export type RoleKind = "lecturer" | "student" | "admin";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
const SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

/**
 * Role URIs (and Moodle's short names in Names and Roles) -> our kinds. A table, so the rule is read in one place:
 * course roles that teach act as lecturers, Learner as student, an institution or system Administrator as admin.
 */
export const ROLE_TABLE: ReadonlyArray<readonly [string, RoleKind]> = [
  [`${MEMBERSHIP}Instructor`, "lecturer"],
  [`${MEMBERSHIP}Instructor#TeachingAssistant`, "lecturer"],
  [`${MEMBERSHIP}TeachingAssistant`, "lecturer"],
  [`${MEMBERSHIP}ContentDeveloper`, "lecturer"],
  [`${MEMBERSHIP}Learner`, "student"],
  [`${INSTITUTION}Administrator`, "admin"],
  [`${SYSTEM}Administrator`, "admin"],
  ["Instructor", "lecturer"],
  ["TeachingAssistant", "lecturer"],
  ["ContentDeveloper", "lecturer"],
  ["Learner", "student"],
];

const BY_ROLE = new Map(ROLE_TABLE);

/** The kinds a set of LTI roles grants (a person may be several). */
export function roleKinds(roles: readonly string[]): Set<RoleKind> {
  const kinds = new Set<RoleKind>();
  for (const role of roles) {
    const exact = BY_ROLE.get(role);
    if (exact) kinds.add(exact);
    else if (role.startsWith(`${MEMBERSHIP}Instructor#`)) kinds.add("lecturer"); // sub-roles of Instructor
  }
  return kinds;
}
