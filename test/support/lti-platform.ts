/**
 * A fake Moodle 4.4 LTI 1.3 platform for HTTP tests, shaped after the recordings in
 * test/fixtures/moodle-ws/lti (see the README's lti/ sections). Copied from recordings: the
 * openid configuration, claims, token.php's text/html JSON, NRPS paging and its lost role filter,
 * AGS score answers (200 empty, 409, 400 []), registration answers and errors, 404 HTML pages for
 * bad JWTs. Inferred from Moodle's code, not recorded: auth.php's error handling (404 page before
 * the redirect_uri is trusted, 303 back with error= after), line item POST (201) and services 401s.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type NextFunction, type Request, type Response } from "express";
import type { JSONWebKeySet } from "jose";
import { agsRoutes, lineItemUrl } from "./lti-platform/ags-routes.js";
import { authRoutes, prepareLaunch, type LoginInitiation } from "./lti-platform/auth-routes.js";
import { buildLaunchClaims, deepLinkReturnUrl, type LaunchKind } from "./lti-platform/claims.js";
import { deepLinkRoute, saveDeepLinkedActivity } from "./lti-platform/deep-link-route.js";
import { createPlatformKeys, signWithPlatformKey, type SignOptions } from "./lti-platform/keys.js";
import { bk101, bk101Members, scopes, type NrpsMember } from "./lti-platform/moodle-data.js";
import { nrpsRoute } from "./lti-platform/nrps-route.js";
import {
  makeRegistrationToken,
  registrationRoute,
  type RegistrationTokenOptions,
} from "./lti-platform/registration-route.js";
import type {
  DeepLinkResponseRecord,
  GradeRow,
  LineItem,
  PlatformState,
  ReceivedScore,
  RegistrationRecord,
  ToolRecord,
} from "./lti-platform/state.js";
import { tokenRoute } from "./lti-platform/token-route.js";

export type {
  LaunchKind,
  LoginInitiation,
  NrpsMember,
  LineItem,
  GradeRow,
  ReceivedScore,
  DeepLinkResponseRecord,
  RegistrationRecord,
  ToolRecord,
};

export interface TestPlatformOptions {
  /** The tool's client id in this Moodle (lti_types.clientid). Default: the recorded manual tool's. */
  clientId?: string;
  /** lti_types.id of the tool: deployment_id, NRPS binding and AGS type_id. Default "1". */
  deploymentId?: string;
  /** The tool's base URL as registered in Moodle. Default http://127.0.0.1:3000. */
  toolUrl?: string;
  /** Where the tool's LTI routes live under toolUrl. Default /lti. */
  toolPathPrefix?: string;
}

/** A running fake Moodle 4.4 LTI 1.3 platform on 127.0.0.1; see test/support/lti-platform/. */
export interface TestPlatform {
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  readonly toolUrl: string;
  readonly authEndpoint: string;
  readonly tokenEndpoint: string;
  readonly jwksUrl: string;
  readonly openidConfigurationUrl: string;
  readonly registrationEndpoint: string;
  /** The default tool's deep_link_return_url (contentitem_return.php with course, id and sesskey). */
  readonly deepLinkReturnUrl: string;
  /** BK101's roster, in NRPS shape; mutate it (or use add/removeMember) to change what NRPS lists. */
  readonly members: NrpsMember[];
  readonly lineItems: LineItem[];
  readonly receivedScores: ReceivedScore[];
  readonly deepLinkResponses: DeepLinkResponseRecord[];
  readonly registrations: RegistrationRecord[];
  /** Where token.php and contentitem_return.php fetch the tool's JWKS (default {toolUrl}/lti/keys). */
  setToolJwksUrl(url: string, clientId?: string): void;
  /** Serve the tool's keys from memory instead of fetching them. */
  setToolJwks(jwks: JSONWebKeySet, clientId?: string): void;
  addMember(member: Pick<NrpsMember, "user_id" | "given_name" | "family_name"> & Partial<NrpsMember>): NrpsMember;
  removeMember(userId: string): boolean;
  /** A tool type by client id (the default tool, or one made by dynamic registration). */
  tool(clientId?: string): ToolRecord;
  /** What an admin's "Activate" does for a Pending dynamically registered tool. */
  activateTool(clientId: string): void;
  makeRegistrationToken(opts?: RegistrationTokenOptions): Promise<string>;
  signIdToken(payload: Record<string, unknown>, opts?: SignOptions): Promise<string>;
  /** How many times certs.php (the platform's key set) has been read. */
  keySetReads(): number;
  /** What regenerating Moodle's LTI key does: a new key pair with a new kid; certs.php serves only the new key. */
  rotateKeys(): Promise<void>;
  /** Moodle-shaped claims for a launch of the default tool (or `clientId`'s). */
  idTokenFor(kind: LaunchKind, overrides?: Record<string, unknown>, clientId?: string): Record<string, unknown>;
  /** Leaves a launch for auth.php and returns the login initiation Moodle would auto-submit. */
  prepareLaunch(kind: LaunchKind, overrides?: Record<string, unknown>, clientId?: string): LoginInitiation;
  lineItemUrl(item: LineItem): string;
  /** The grade row of a user in a line item (default: the activity's line item 6). */
  gradeOf(userId: string, lineItemId?: string): GradeRow | undefined;
  /** The lecturer saves the Add-activity form after deep linking: creates the activity's grade item. */
  saveDeepLinkedActivity(response?: DeepLinkResponseRecord, itemIndex?: number): LineItem | undefined;
  close(): Promise<void>;
}

const allServiceScopes = [
  scopes.lineItem,
  scopes.lineItemReadonly,
  scopes.resultReadonly,
  scopes.score,
  scopes.memberships,
];

function initialState(issuer: string, opts: TestPlatformOptions, keys: PlatformState["keys"]): PlatformState {
  const toolBase = `${opts.toolUrl ?? "http://127.0.0.1:3000"}${opts.toolPathPrefix ?? "/lti"}`;
  const typeId = opts.deploymentId ?? "1";
  const tool: ToolRecord = {
    clientId: opts.clientId ?? "OG6MKlqyieWVPhh",
    typeId,
    state: 1,
    name: "Apmeklējums un studiju dienas",
    redirectUris: [`${toolBase}/launch`],
    targetLinkUri: `${toolBase}/launch`,
    deepLinkUri: `${toolBase}/launch`,
    initiateLoginUri: `${toolBase}/login`,
    jwksUrl: `${toolBase}/keys`,
    scopes: allServiceScopes,
  };
  return {
    issuer,
    sesskey: randomBytes(5).toString("hex"),
    course: bk101,
    keys,
    keySetReads: 0,
    tools: new Map([[tool.clientId, tool]]),
    launches: new Map(),
    accessTokens: new Map(),
    members: bk101Members(),
    // The activity (lti instance 1) already has its grade item, line item 6, as in ags-lineitems.json.
    lineItems: [
      {
        id: "6",
        courseId: bk101.id,
        typeId,
        label: "Apmeklējums un studiju plānošana",
        scoreMaximum: 100,
        resourceId: "",
        tag: "",
        resourceLinkId: "1",
      },
    ],
    gradebook: new Map(),
    receivedScores: [],
    deepLinkResponses: [],
    registrations: [],
    nextTypeId: Math.max(2, Number(typeId) + 1),
    nextLineItemId: 10,
    nextInstanceId: 3,
  };
}

function mountRoutes(app: express.Express, state: PlatformState): void {
  for (const router of [authRoutes, tokenRoute, nrpsRoute, agsRoutes, registrationRoute, deepLinkRoute])
    app.use(router(state));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res
      .status(500)
      .type("text/plain")
      .send(`test LTI platform error: ${err instanceof Error ? err.stack : String(err)}`);
  });
}

/** Starts a fake Moodle 4.4 LTI platform on 127.0.0.1 with a fresh RS256 key. */
export async function startTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  const keys = await createPlatformKeys();
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  const server = await new Promise<import("node:http").Server>((resolve, reject) => {
    const s = app.listen(0, "127.0.0.1", (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The routes need the issuer, which needs the port: mount them once listening.
  const s = initialState(issuer, opts, keys);
  mountRoutes(app, s);
  const defaultTool = () => toolOf(s, undefined);
  return {
    issuer,
    clientId: defaultTool().clientId,
    deploymentId: defaultTool().typeId,
    toolUrl: opts.toolUrl ?? "http://127.0.0.1:3000",
    authEndpoint: `${issuer}/mod/lti/auth.php`,
    tokenEndpoint: `${issuer}/mod/lti/token.php`,
    jwksUrl: `${issuer}/mod/lti/certs.php`,
    openidConfigurationUrl: `${issuer}/mod/lti/openid-configuration.php`,
    registrationEndpoint: `${issuer}/mod/lti/openid-registration.php`,
    deepLinkReturnUrl: deepLinkReturnUrl(s, defaultTool()),
    members: s.members,
    lineItems: s.lineItems,
    receivedScores: s.receivedScores,
    deepLinkResponses: s.deepLinkResponses,
    registrations: s.registrations,
    setToolJwksUrl: (url, clientId) => {
      const tool = toolOf(s, clientId);
      tool.jwksUrl = url;
      delete tool.jwks;
    },
    setToolJwks: (jwks, clientId) => {
      toolOf(s, clientId).jwks = jwks;
    },
    addMember: (partial) => addMember(s, partial),
    removeMember: (userId) => {
      const index = s.members.findIndex((m) => m.user_id === userId);
      if (index >= 0) s.members.splice(index, 1);
      return index >= 0;
    },
    tool: (clientId) => toolOf(s, clientId),
    activateTool: (clientId) => {
      toolOf(s, clientId).state = 1;
    },
    makeRegistrationToken: (tokenOpts) => makeRegistrationToken(s, tokenOpts),
    signIdToken: (payload, signOpts) => signWithPlatformKey(s.keys, payload, signOpts),
    keySetReads: () => s.keySetReads,
    rotateKeys: async () => {
      s.keys = await createPlatformKeys();
    },
    idTokenFor: (kind, overrides, clientId) => buildLaunchClaims(s, toolOf(s, clientId), kind, overrides),
    prepareLaunch: (kind, overrides, clientId) => prepareLaunch(s, toolOf(s, clientId), kind, overrides),
    lineItemUrl: (item) => lineItemUrl(s, item),
    gradeOf: (userId, lineItemId = "6") => s.gradebook.get(lineItemId)?.get(userId),
    saveDeepLinkedActivity: (response, itemIndex) => {
      const record = response ?? s.deepLinkResponses.at(-1);
      if (!record) throw new Error("test LTI platform: no deep-linking response received yet");
      return saveDeepLinkedActivity(s, record, itemIndex);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function toolOf(state: PlatformState, clientId: string | undefined): ToolRecord {
  const tool = clientId ? state.tools.get(clientId) : state.tools.values().next().value;
  if (!tool) throw new Error(`test LTI platform: no tool with client id ${clientId}`);
  return tool;
}

function addMember(
  state: PlatformState,
  partial: Pick<NrpsMember, "user_id" | "given_name" | "family_name"> & Partial<NrpsMember>,
): NrpsMember {
  const username = partial.ext_user_username ?? `${partial.given_name}.${partial.family_name}`.toLowerCase();
  const member: NrpsMember = {
    status: "Active",
    roles: ["Learner"],
    name: `${partial.given_name} ${partial.family_name}`,
    email: `${username}@example.lv`,
    ext_user_username: username,
    ...partial,
  };
  state.members.push(member);
  return member;
}
