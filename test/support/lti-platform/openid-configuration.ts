/** The substitution variables Moodle 4.4 advertises, in its order. */
const variables = [
  "basic-lti-launch-request", "ContentItemSelectionRequest", "ToolProxyRegistrationRequest",
  "Context.id", "Context.title", "Context.label", "Context.id.history", "Context.sourcedId",
  "Context.longDescription", "Context.timeFrame.begin", "CourseSection.title", "CourseSection.label",
  "CourseSection.sourcedId", "CourseSection.longDescription", "CourseSection.timeFrame.begin",
  "CourseSection.timeFrame.end", "ResourceLink.id", "ResourceLink.title", "ResourceLink.description",
  "User.id", "User.username", "Person.name.full", "Person.name.given", "Person.name.family",
  "Person.email.primary", "Person.sourcedId", "Person.name.middle", "Person.address.street1",
  "Person.address.locality", "Person.address.country", "Person.address.timezone", "Person.phone.primary",
  "Person.phone.mobile", "Person.webaddress", "Membership.role", "Result.sourcedId", "Result.autocreate",
  "BasicOutcome.sourcedId", "BasicOutcome.url", "Moodle.Person.userGroupIds",
];

/** /mod/lti/openid-configuration.php as Moodle 4.4 answers it, for the given wwwroot. */
export function openidConfiguration(issuer: string): Record<string, unknown> {
  return {
    issuer,
    token_endpoint: `${issuer}/mod/lti/token.php`,
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS256"],
    jwks_uri: `${issuer}/mod/lti/certs.php`,
    authorization_endpoint: `${issuer}/mod/lti/auth.php`,
    registration_endpoint: `${issuer}/mod/lti/openid-registration.php`,
    scopes_supported: [
      "https://purl.imsglobal.org/spec/lti-bo/scope/basicoutcome",
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
      "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
      "https://purl.imsglobal.org/spec/lti-ags/scope/score",
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
      "https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting",
      "openid",
    ],
    response_types_supported: ["id_token"],
    subject_types_supported: ["public", "pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    claims_supported: ["sub", "iss", "name", "given_name", "family_name", "email"],
    "https://purl.imsglobal.org/spec/lti-platform-configuration": {
      product_family_code: "moodle",
      version: "4.4dev (Build: 20231124)",
      messages_supported: [{ type: "LtiResourceLinkRequest" }, { type: "LtiDeepLinkingRequest", placements: ["ContentArea"] }],
      variables,
    },
  };
}
