import { expect } from "chai";
import { classifyLaunchError } from "../../src/lti/provider.js";
import { FAILURE_STATUS } from "../../src/launch/lti-handlers.js";

describe("launch failures from ltijs's errors", () => {
  const cases: [string, string][] = [
    ["NO_LTIK_OR_IDTOKEN_FOUND", "missing"],
    ["TOKEN_TOO_OLD", "expired"],
    ["jwt expired", "expired"],
    ["invalid signature", "signature"],
    ["AUD_DOES_NOT_MATCH_CLIENTID", "audience"],
    ["ISS_CLAIM_DOES_NOT_MATCH", "issuer"],
    ["UNREGISTERED_PLATFORM", "unregistered"],
    ["PLATFORM_NOT_ACTIVATED", "inactive"],
    ["NONCE_ALREADY_RECEIVED", "replayed"],
    ["NO_DEPLOYMENT_ID_CLAIM", "deployment"],
    ["MISSING_VALIDATION_COOKIE", "cookie"],
    ["something new", "invalid"],
  ];
  for (const [message, failure] of cases) {
    it(`maps ${message} to ${failure}`, () => expect(classifyLaunchError(message)).to.equal(failure));
  }

  it("answers every failure with a 4xx status", () => {
    for (const status of Object.values(FAILURE_STATUS)) expect(status).to.be.within(400, 499);
  });
});
