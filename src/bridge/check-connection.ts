import {
  getSiteInfo,
  MoodleError,
  MoodleFunctionNotInServiceError,
  MoodleInvalidTokenError,
  MoodleNetworkError,
  MoodleResponseError,
  MoodleTimeoutError,
  type MoodleClient,
  type SiteInfo,
} from "moodle-ws-client";
import { probeCapabilities, type CapabilityProblem, type ProbeProblem } from "./probe-capabilities.js";
import { REQUIRED_FUNCTIONS, type BridgeArea } from "./required-functions.js";

/** Why the check could not even read the site info. */
export type CheckFailure =
  "invalid_token" | "site_info_not_in_service" | "unreachable" | "timeout" | "not_moodle" | "moodle_error";

/** What a connection check found; stored as JSON with the connection and presented in the reader's language. */
export interface ConnectionReport {
  ok: boolean;
  checkedAt: string;
  baseUrl: string;
  failure: { code: CheckFailure; detail: string } | null;
  site: {
    sitename: string;
    siteurl: string;
    username: string;
    fullname: string;
    release: string;
    isSiteAdmin: boolean;
  } | null;
  missingFunctions: { name: string; area: BridgeArea }[];
  /** Site settings Rollbook depends on that are off: the service's "Can upload files", site messaging. */
  settingsProblems: ("upload_disabled" | "messaging_disabled")[];
  /** The Moodle course the read-only capability probes ran in, or null when none was given. */
  probedCourseId: number | null;
  capabilityProblems: CapabilityProblem[];
  probeProblems: ProbeProblem[];
}

function failureOf(error: MoodleError): CheckFailure {
  if (error instanceof MoodleInvalidTokenError) return "invalid_token";
  if (error instanceof MoodleFunctionNotInServiceError) return "site_info_not_in_service";
  if (error instanceof MoodleTimeoutError) return "timeout";
  if (error instanceof MoodleNetworkError) return "unreachable";
  if (error instanceof MoodleResponseError) return "not_moodle";
  return "moodle_error";
}

function settingsProblems(info: SiteInfo): ConnectionReport["settingsProblems"] {
  const problems: ConnectionReport["settingsProblems"] = [];
  if (info.uploadfiles !== undefined && !info.uploadfiles) problems.push("upload_disabled");
  const features = (info as { advancedfeatures?: { name: string; value: unknown }[] }).advancedfeatures ?? [];
  if (features.some((f) => f.name === "messaging" && Number(f.value) === 0)) problems.push("messaging_disabled");
  return problems;
}

/**
 * Checks a connection without changing anything in Moodle: site info (token, service), every function Rollbook
 * needs against the service's list, the settings it depends on, and, in one course, the read capabilities.
 */
export async function checkConnection(
  client: MoodleClient,
  moodleCourseId: number | null,
  now: Date,
): Promise<ConnectionReport> {
  const report: ConnectionReport = {
    ok: false,
    checkedAt: now.toISOString(),
    baseUrl: client.baseUrl,
    failure: null,
    site: null,
    missingFunctions: [],
    settingsProblems: [],
    probedCourseId: moodleCourseId,
    capabilityProblems: [],
    probeProblems: [],
  };
  let info: SiteInfo;
  try {
    info = await getSiteInfo(client);
  } catch (error) {
    if (!(error instanceof MoodleError)) throw error;
    const code = failureOf(error);
    if (code === "site_info_not_in_service")
      report.missingFunctions.push({ name: "core_webservice_get_site_info", area: "site" });
    return { ...report, failure: { code, detail: error.message } };
  }
  const isSiteAdmin = info.userissiteadmin === true;
  report.site = {
    sitename: info.sitename,
    siteurl: info.siteurl,
    username: info.username,
    fullname: info.fullname,
    release: info.release ?? "",
    isSiteAdmin,
  };
  const inService = new Set(info.functions.map((fn) => fn.name));
  report.missingFunctions = REQUIRED_FUNCTIONS.filter((r) => !inService.has(r.name)).map((r) => ({
    name: r.name,
    area: r.area,
  }));
  report.settingsProblems = settingsProblems(info);
  if (moodleCourseId !== null) Object.assign(report, await probeCapabilities(client, moodleCourseId, inService));
  report.ok =
    report.missingFunctions.length === 0 &&
    report.settingsProblems.length === 0 &&
    report.capabilityProblems.length === 0;
  return report;
}
