import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from "jose";
import type { TestPlatform } from "../lti-platform.js";

/** A throwaway tool key pair whose JWKS is served by a tiny local server, as a tool's /lti/keys. */
export interface ToolKeys {
  kid: string;
  privateKey: CryptoKey;
  jwksUrl: string;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  sign(payload: JWTPayload, opts?: { key?: CryptoKey; kid?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startToolKeys(kid = "rollbook-test-key-1"): Promise<ToolKeys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] };
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    kid,
    privateKey,
    jwksUrl: `http://127.0.0.1:${port}/lti/keys`,
    fetches: () => fetches,
    sign: (payload, opts = {}) =>
      new SignJWT(payload)
        .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: opts.kid ?? kid })
        .sign(opts.key ?? privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A client assertion as ltijs makes it: iss = sub = client id, aud = token endpoint, 60 s. */
export function clientAssertion(
  keys: ToolKeys,
  platform: TestPlatform,
  opts: { key?: CryptoKey; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return keys.sign(
    {
      iss: platform.clientId,
      sub: platform.clientId,
      aud: platform.tokenEndpoint,
      iat: now,
      exp: now + 60,
      jti: `jti-${now}-${Math.random()}`,
    },
    opts,
  );
}

/** POSTs a client_credentials request to token.php, form-encoded like ltijs (got's `form`). */
export function requestToken(platform: TestPlatform, assertion: string, scope: string): Promise<globalThis.Response> {
  return fetch(platform.tokenEndpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      scope,
    }),
  });
}

/** A live access token for the platform's default tool. */
export async function accessToken(keys: ToolKeys, platform: TestPlatform, scope: string): Promise<string> {
  const res = await requestToken(platform, await clientAssertion(keys, platform), scope);
  const body = JSON.parse(await res.text()) as { access_token?: string };
  if (res.status !== 200 || !body.access_token) throw new Error(`no token: ${res.status}`);
  return body.access_token;
}
