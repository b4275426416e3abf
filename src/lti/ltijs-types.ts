import type { Application, Request, Response } from "express";

/**
 * The parts of ltijs 5.9 we use, typed from its source (its published typings are stale).
 * Only src/lti/ imports this; the rest of the code sees LaunchToken and the Lti facade.
 */
export interface LtijsPlatform {
  platformId(): Promise<string>;
  platformUrl(): Promise<string>;
  platformClientId(): Promise<string>;
  platformName(): Promise<string>;
  platformActive(active?: boolean): Promise<boolean>;
  platformPublicKey(): Promise<string>;
  platformJSON(): Promise<Record<string, unknown>>;
  delete(): Promise<boolean>;
}

export interface LtijsPlatformInput {
  url: string;
  name: string;
  clientId: string;
  authenticationEndpoint: string;
  accesstokenEndpoint: string;
  authorizationServer?: string;
  authConfig: { method: "JWK_SET" | "JWK_KEY" | "RSA_KEY"; key: string };
}

export interface LtijsContext {
  contextId: string;
  user: string;
  roles?: string[];
  path?: string;
  targetLinkUri?: string;
  context?: { id: string; label?: string; title?: string; type?: string[] };
  resource?: { id: string; title?: string; description?: string };
  custom?: Record<string, string>;
  launchPresentation?: { locale?: string; document_target?: string; return_url?: string };
  messageType?: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  version?: string;
  deepLinkingSettings?: {
    deep_link_return_url: string;
    accept_types?: string[];
    accept_multiple?: boolean;
    data?: string;
  };
  lis?: Record<string, string>;
  endpoint?: { scope?: string[]; lineitems?: string; lineitem?: string };
  namesRoles?: { context_memberships_url: string; service_versions?: string[] };
}

/** What ltijs hands to onConnect / onDeepLinking (res.locals.token). */
export interface LaunchToken {
  iss: string;
  user: string;
  userInfo: { given_name?: string; family_name?: string; name?: string; email?: string };
  platformInfo?: Record<string, unknown>;
  clientId: string;
  platformId: string;
  deploymentId: string;
  platformContext: LtijsContext;
}

export type LtijsHandler = (token: LaunchToken, req: Request, res: Response, next: () => void) => unknown;
export type LtijsErrorHandler = (req: Request, res: Response) => unknown;

export interface LtijsProvider {
  app: Application;
  setup(encryptionKey: string, database: { plugin: unknown }, options: Record<string, unknown>): LtijsProvider;
  onConnect(cb: LtijsHandler): true;
  onDeepLinking(cb: LtijsHandler): true;
  onDynamicRegistration(cb: (req: Request, res: Response, next: () => void) => unknown): true;
  onInvalidToken(cb: LtijsErrorHandler): true;
  onSessionTimeout(cb: LtijsErrorHandler): true;
  onUnregisteredPlatform(cb: LtijsErrorHandler): true;
  onInactivePlatform(cb: LtijsErrorHandler): true;
  whitelist(...routes: (string | RegExp | { route: string | RegExp; method: string })[]): unknown;
  registerPlatform(platform: LtijsPlatformInput): Promise<LtijsPlatform>;
  getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
  getPlatform(url: string): Promise<LtijsPlatform[] | false>;
  getPlatformById(id: string): Promise<LtijsPlatform | false>;
  getAllPlatforms(): Promise<LtijsPlatform[]>;
  deletePlatformById(id: string): Promise<boolean>;
  DeepLinking: {
    createDeepLinkingForm(
      token: LaunchToken,
      items: unknown[],
      options?: { message?: string; log?: string; errMessage?: string },
    ): Promise<string>;
    createDeepLinkingMessage(token: LaunchToken, items: unknown[], options?: { message?: string }): Promise<string>;
  };
  NamesAndRoles: {
    getMembers(
      token: unknown,
      options?: { pages?: number | false; role?: string; limit?: number; url?: string },
    ): Promise<{
      id?: string;
      context?: unknown;
      members: NrpsMember[];
      next?: string;
    }>;
  };
  Grade: {
    submitScore(token: unknown, lineItemId: string, score: Record<string, unknown>): Promise<unknown>;
    getLineItems(token: unknown, options?: Record<string, unknown>): Promise<unknown>;
  };
  DynamicRegistration?: {
    register(
      openidConfiguration: string,
      registrationToken: string | undefined,
      options?: Record<string, unknown>,
    ): Promise<string>;
  };
}

export interface NrpsMember {
  status?: string;
  roles: string[];
  user_id: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
  lis_person_sourcedid?: string;
  ext_user_username?: string;
}
