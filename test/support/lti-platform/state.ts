import type { JSONWebKeySet, JWTPayload, ProtectedHeaderParameters } from "jose";
import type { MoodleCourse, NrpsMember } from "./moodle-data.js";
import type { PlatformKeys } from "./keys.js";

/** A tool type (lti_types row) as the fake platform knows it. */
export interface ToolRecord {
  clientId: string;
  /** lti_types.id: also the deployment_id, the NRPS binding and every AGS `type_id`. */
  typeId: string;
  /** 1 = configured (active), 2 = pending, as in Moodle. */
  state: 1 | 2;
  name: string;
  redirectUris: string[];
  targetLinkUri: string;
  deepLinkUri: string;
  initiateLoginUri: string;
  /** Where Moodle fetches the tool's keys from (publickeyset). */
  jwksUrl: string;
  /** Keys given directly by a test; used instead of fetching jwksUrl. */
  jwks?: JSONWebKeySet;
  /** Service scopes this tool may be granted by token.php. */
  scopes: string[];
}

/** A launch the test set up: what `contentitem.php` / `launch.php` leaves in Moodle's session for auth.php. */
export interface PendingLaunch {
  launchId: string;
  loginHint: string;
  clientId: string;
  claims: Record<string, unknown>;
  /** Claims the test forced; they win over what auth.php stamps (nonce, iat, exp...). */
  pinned: Record<string, unknown>;
}

export interface AccessTokenRecord {
  token: string;
  clientId: string;
  typeId: string;
  scopes: string[];
  expiresAt: number;
}

/** An AGS line item (a grade item bound to a tool). */
export interface LineItem {
  id: string;
  courseId: string;
  typeId: string;
  label: string;
  scoreMaximum: number;
  resourceId: string;
  tag: string;
  resourceLinkId: string;
}

/** One mdl_grade_grades row as far as AGS shows it. */
export interface GradeRow {
  userId: string;
  rawgrade: number | null;
  rawgrademax: number;
  /** Epoch seconds of the score timestamp; null when ungraded (then a later score never 409s). */
  timemodified: number | null;
  feedback: string | null;
}

/** Every score POST that reached the scores handler, whatever Moodle answered. */
export interface ReceivedScore {
  lineItemId: string;
  status: number;
  body: Record<string, unknown>;
}

export interface DeepLinkResponseRecord {
  typeId: string;
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  contentItems: Record<string, unknown>[];
  /** What contentitem_return.php hands to the Add-activity form. */
  returnData: unknown;
}

export interface RegistrationRecord {
  clientId: string;
  deploymentId: string;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

export interface PlatformState {
  issuer: string;
  sesskey: string;
  course: MoodleCourse;
  keys: PlatformKeys;
  /** How many times certs.php has been read. */
  keySetReads: number;
  tools: Map<string, ToolRecord>;
  launches: Map<string, PendingLaunch>;
  accessTokens: Map<string, AccessTokenRecord>;
  members: NrpsMember[];
  lineItems: LineItem[];
  /** line item id -> user id -> grade row. */
  gradebook: Map<string, Map<string, GradeRow>>;
  receivedScores: ReceivedScore[];
  deepLinkResponses: DeepLinkResponseRecord[];
  registrations: RegistrationRecord[];
  nextTypeId: number;
  nextLineItemId: number;
  nextInstanceId: number;
}

export function toolByTypeId(state: PlatformState, typeId: string): ToolRecord | undefined {
  return [...state.tools.values()].find((tool) => tool.typeId === typeId);
}
