import { SignJWT } from "jose";
import type { Locale } from "../lti/actor.js";
import type { DemoKeys } from "./demo-keys.js";
import {
  DEMO_COORDINATOR,
  DEMO_COURSE,
  DEMO_DEPLOYMENT_ID,
  DEMO_RESOURCE_LINK,
  DEMO_STAFF_COURSE,
  DEMO_STAFF_LINK,
  type DemoPerson,
} from "./demo-people.js";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

export interface DemoLaunchInput {
  issuer: string;
  clientId: string;
  nonce: string;
  person: DemoPerson;
  locale: Locale;
  targetLinkUri: string;
  membershipsUrl: string;
  kind: "resource" | "deeplink";
  deepLinkReturnUrl: string;
}

/** The claims Moodle 4.4 puts in a launch (see test/fixtures/moodle-ws/lti), for the demo course. */
export function demoClaims(input: DemoLaunchInput): Record<string, unknown> {
  const p = input.person;
  // the coordinator launches from the staff course, everyone else from the demo course
  const isStaff = p.id === DEMO_COORDINATOR.id;
  const course = isStaff ? DEMO_STAFF_COURSE : DEMO_COURSE;
  const link = isStaff ? DEMO_STAFF_LINK : DEMO_RESOURCE_LINK;
  const role = `http://purl.imsglobal.org/vocab/lis/v2/membership#${p.role}`;
  const common: Record<string, unknown> = {
    nonce: input.nonce,
    sub: p.id,
    given_name: p.given,
    family_name: p.family,
    name: `${p.given} ${p.family}`,
    email: p.email,
    [`${LTI}deployment_id`]: DEMO_DEPLOYMENT_ID,
    [`${LTI}version`]: "1.3.0",
    [`${LTI}roles`]: [role],
    [`${LTI}context`]: {
      id: course.id,
      label: course.label,
      title: course.title,
      type: ["CourseSection"],
    },
    [`${LTI}launch_presentation`]: {
      locale: input.locale,
      document_target: "window",
      return_url: `${input.issuer}/return`,
    },
    [`${LTI}tool_platform`]: { product_family_code: "rollbook-demo", name: "Rollbook demo", version: "1" },
    [`${LTI}target_link_uri`]: input.targetLinkUri,
  };
  if (input.kind === "deeplink") {
    return {
      ...common,
      [`${LTI}message_type`]: "LtiDeepLinkingRequest",
      "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
        accept_types: ["ltiResourceLink"],
        accept_presentation_document_targets: ["frame", "iframe", "window"],
        accept_multiple: true,
        auto_create: false,
        deep_link_return_url: input.deepLinkReturnUrl,
      },
    };
  }
  return {
    ...common,
    [`${LTI}message_type`]: "LtiResourceLinkRequest",
    [`${LTI}resource_link`]: { id: link.id, title: link.title, description: "" },
    "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
      context_memberships_url: isStaff ? `${input.membershipsUrl}/staff` : input.membershipsUrl,
      service_versions: ["1.0", "2.0"],
    },
  };
}

/** Signs the demo launch as an RS256 id_token, valid for a minute like Moodle's. */
export async function signDemoIdToken(keys: DemoKeys, input: DemoLaunchInput, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(demoClaims(input))
    .setProtectedHeader({ alg: "RS256", kid: keys.kid, typ: "JWT" })
    .setIssuer(input.issuer)
    .setAudience(input.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(keys.privateKey);
}
