import { randomBytes } from "node:crypto";
import {
  agsClaim,
  agsClaimScopes,
  dlSettingsClaim,
  ltiClaim,
  nrpsClaim,
  roleUris,
  siteAdmin,
  type NrpsMember,
} from "./moodle-data.js";
import type { PlatformState, ToolRecord } from "./state.js";

export type LaunchKind = "instructor" | "learner" | "admin" | "deeplink";

/** The activity a resource-link launch comes from: lti instance 1 (cmid 6) in BK101. */
const resourceLink = { id: "1", title: "Apmeklējums un studiju plānošana", description: "" };

const defaultUserFor: Record<LaunchKind, string> = { instructor: "3", learner: "4", admin: "2", deeplink: "3" };

function findUser(state: PlatformState, userId: string): NrpsMember {
  if (userId === siteAdmin.user_id) return siteAdmin;
  const user = state.members.find((m) => m.user_id === userId);
  if (!user) throw new Error(`test LTI platform: no member with user id ${userId}`);
  return user;
}

function userClaims(user: NrpsMember, state: PlatformState): Record<string, unknown> {
  const lis: Record<string, string> = {};
  if (user.lis_person_sourcedid) lis.person_sourcedid = user.lis_person_sourcedid;
  lis.course_section_sourcedid = state.course.sectionSourcedId;
  return { sub: user.user_id, [`${ltiClaim}lis`]: lis, [`${ltiClaim}roles`]: roleUris(user) };
}

function personClaims(user: NrpsMember): Record<string, unknown> {
  return {
    given_name: user.given_name,
    family_name: user.family_name,
    name: user.name,
    [`${ltiClaim}ext`]: { user_username: user.ext_user_username, lms: "moodle-2" },
    email: user.email,
  };
}

function platformClaims(state: PlatformState): Record<string, unknown> {
  return {
    [`${ltiClaim}tool_platform`]: {
      product_family_code: "moodle",
      version: "2023112400",
      guid: new URL(state.issuer).hostname,
      name: "lab",
      description: "Lab Moodle",
    },
    [`${ltiClaim}version`]: "1.3.0",
  };
}

function servicesUrl(state: PlatformState, path: string): string {
  return `${state.issuer}/mod/lti/services.php/${path}`;
}

function resourceLinkClaims(state: PlatformState, tool: ToolRecord, user: NrpsMember): Record<string, unknown> {
  const course = state.course;
  const memberships = servicesUrl(state, `CourseSection/${course.id}/bindings/${tool.typeId}/memberships`);
  const item = state.lineItems.find((li) => li.typeId === tool.typeId && li.resourceLinkId === resourceLink.id);
  const sourcedId = JSON.stringify({
    data: { instanceid: resourceLink.id, userid: user.user_id, typeid: tool.typeId, launchid: 1220070053 },
    hash: randomBytes(32).toString("hex"),
  });
  return {
    [`${ltiClaim}resource_link`]: resourceLink,
    "https://purl.imsglobal.org/spec/lti-bo/claim/basicoutcome": {
      lis_result_sourcedid: sourcedId,
      lis_outcome_service_url: `${state.issuer}/mod/lti/service.php`,
    },
    ...personClaims(user),
    [`${ltiClaim}launch_presentation`]: {
      locale: "en",
      document_target: "iframe",
      return_url: `${state.issuer}/mod/lti/return.php?course=${course.id}&launch_container=3&instanceid=${resourceLink.id}&sesskey=${state.sesskey}`,
    },
    ...platformClaims(state),
    [`${ltiClaim}custom`]: {
      course_shortname: course.label,
      moodle_course_id: course.id,
      context_memberships_url: memberships,
      system_setting_url: servicesUrl(state, `tool/${tool.typeId}/custom`),
      context_setting_url: servicesUrl(state, `CourseSection/${course.id}/bindings/tool/${tool.typeId}/custom`),
      link_setting_url: servicesUrl(state, "links/{link_id}/custom"),
    },
    [agsClaim]: {
      scope: agsClaimScopes,
      lineitems: servicesUrl(state, `${course.id}/lineitems?type_id=${tool.typeId}`),
      ...(item
        ? { lineitem: servicesUrl(state, `${course.id}/lineitems/${item.id}/lineitem?type_id=${tool.typeId}`) }
        : {}),
    },
    [nrpsClaim]: { context_memberships_url: memberships, service_versions: ["1.0", "2.0"] },
  };
}

/** The deep-linking request differs: no resource_link, basicoutcome or NRPS claim; AGS has only lineitems. */
function deepLinkClaims(state: PlatformState, tool: ToolRecord, user: NrpsMember): Record<string, unknown> {
  const course = state.course;
  return {
    ...personClaims(user),
    [`${ltiClaim}launch_presentation`]: { locale: "en" },
    ...platformClaims(state),
    [`${ltiClaim}custom`]: { course_shortname: course.label, moodle_course_id: course.id },
    [agsClaim]: {
      scope: agsClaimScopes,
      lineitems: servicesUrl(state, `${course.id}/lineitems?type_id=${tool.typeId}`),
    },
    [dlSettingsClaim]: {
      accept_types: ["ltiResourceLink"],
      accept_presentation_document_targets: ["frame", "iframe", "window"],
      accept_copy_advice: false,
      accept_multiple: true,
      accept_unsigned: false,
      auto_create: false,
      can_confirm: false,
      deep_link_return_url: deepLinkReturnUrl(state, tool),
      title: tool.name,
      text: "",
    },
  };
}

export function deepLinkReturnUrl(state: PlatformState, tool: ToolRecord): string {
  return `${state.issuer}/mod/lti/contentitem_return.php?course=${state.course.id}&id=${tool.typeId}&sesskey=${state.sesskey}`;
}

/**
 * Moodle-shaped id_token claims for a launch, in Moodle's claim order. `overrides` replace whole
 * claims (a value of undefined removes one); an overriding `sub` of a known member also switches
 * the names, email, lis and roles to that member.
 */
export function buildLaunchClaims(
  state: PlatformState,
  tool: ToolRecord,
  kind: LaunchKind,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const userId = typeof overrides.sub === "string" ? overrides.sub : defaultUserFor[kind];
  const user = findUser(state, userId);
  const isDeepLink = kind === "deeplink";
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    nonce: randomBytes(12).toString("hex"),
    iat: now,
    exp: now + 60,
    iss: state.issuer,
    aud: tool.clientId,
    [`${ltiClaim}deployment_id`]: tool.typeId,
    [`${ltiClaim}target_link_uri`]: isDeepLink ? tool.deepLinkUri : tool.targetLinkUri,
    ...userClaims(user, state),
    [`${ltiClaim}context`]: {
      id: state.course.id,
      label: state.course.label,
      title: state.course.title,
      type: ["CourseSection"],
    },
    [`${ltiClaim}message_type`]: isDeepLink ? "LtiDeepLinkingRequest" : "LtiResourceLinkRequest",
    ...(isDeepLink ? deepLinkClaims(state, tool, user) : resourceLinkClaims(state, tool, user)),
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return claims;
}
