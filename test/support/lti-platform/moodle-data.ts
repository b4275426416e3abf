/**
 * The people and the course behind the Moodle LTI recordings (test/fixtures/moodle-ws/lti):
 * course 2 BK101, lecturer user 3, students 4..9, site admin user 2.
 */

/** One member exactly as Moodle's NRPS v2 container lists it (roles are short names). */
export interface NrpsMember {
  status: "Active" | "Inactive";
  roles: string[];
  user_id: string;
  lis_person_sourcedid?: string;
  name: string;
  given_name: string;
  family_name: string;
  email: string;
  ext_user_username: string;
}

export interface MoodleCourse {
  id: string;
  label: string;
  title: string;
  sectionSourcedId: string;
}

export const bk101: MoodleCourse = {
  id: "2",
  label: "BK101",
  title: "Biznesa komunikācija",
  sectionSourcedId: "BK101-2024P",
};

function member(
  userId: string,
  role: "Learner" | "Instructor",
  username: string,
  given: string,
  family: string,
  sourcedId: string,
): NrpsMember {
  return {
    status: "Active",
    roles: [role],
    user_id: userId,
    lis_person_sourcedid: sourcedId,
    name: `${given} ${family}`,
    given_name: given,
    family_name: family,
    email: `${username}@example.lv`,
    ext_user_username: username,
  };
}

/** A fresh copy of BK101's seven members, in Moodle's order (by last name). */
export function bk101Members(): NrpsMember[] {
  return [
    member("4", "Learner", "janis.berzins", "Jānis", "Bērziņš", "S-0A7D1D"),
    member("8", "Learner", "kristaps.jansons", "Kristaps", "Jansons", "S-645B34"),
    member("5", "Learner", "anna.kalnina", "Anna", "Kalniņa", "S-A5958C"),
    member("9", "Learner", "elina.krumina", "Elīna", "Krūmiņa", "S-D3AB06"),
    member("7", "Learner", "liga.liepina", "Līga", "Liepiņa", "S-A8FA08"),
    member("3", "Instructor", "ilze.ozolina", "Ilze", "Ozoliņa", "T-01D26D"),
    member("6", "Learner", "martins.ozols", "Mārtiņš", "Ozols", "S-1C4709"),
  ];
}

/** The site admin (user 2): not enrolled in BK101, has no idnumber, so no person_sourcedid. */
export const siteAdmin: NrpsMember = {
  status: "Active",
  roles: ["Administrator"],
  user_id: "2",
  name: "Admin User",
  given_name: "Admin",
  family_name: "User",
  email: "admin@example.lv",
  ext_user_username: "admin",
};

export const ltiClaim = "https://purl.imsglobal.org/spec/lti/claim/";
export const agsClaim = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
export const nrpsClaim = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
export const dlSettingsClaim = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
export const dlContentItemsClaim = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
export const toolConfigurationKey = "https://purl.imsglobal.org/spec/lti-tool-configuration";

export const scopes = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadonly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

/** The AGS scopes in the order Moodle puts them in a launch's endpoint claim. */
export const agsClaimScopes = [scopes.lineItem, scopes.lineItemReadonly, scopes.resultReadonly, scopes.score];

export const membershipRole = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

/** Moodle's full role URIs for a member's short role names; admins also get two Administrator URIs. */
export function roleUris(user: NrpsMember): string[] {
  if (user.roles.includes("Administrator")) {
    return [
      `${membershipRole}Instructor`,
      "http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator",
      "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
    ];
  }
  return user.roles.map((role) => (role.includes("://") ? role : `${membershipRole}${role}`));
}
