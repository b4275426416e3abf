import { randomBytes } from "node:crypto";
import {
  SignJWT,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from "jose";

/** The platform's RS256 key, made fresh per platform (never stored), plus a lazily made wrong key. */
export interface PlatformKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  wrongKey(): Promise<CryptoKey>;
}

export interface SignOptions {
  /** Sign with a different private key but the same kid, like a forged token. */
  wrongKey?: boolean;
  kid?: string;
}

export async function createPlatformKeys(): Promise<PlatformKeys> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  // Moodle's kid is 20 hex characters, e.g. 6cf471a72001324c62f2.
  const kid = randomBytes(10).toString("hex");
  const jwk = await exportJWK(publicKey);
  let wrong: CryptoKey | undefined;
  return {
    kid,
    privateKey,
    publicKey,
    // Same member order as Moodle's certs.php.
    publicJwk: { kty: "RSA", alg: "RS256", kid, e: jwk.e, n: jwk.n, use: "sig" },
    async wrongKey() {
      wrong ??= (await generateKeyPair("RS256")).privateKey;
      return wrong;
    },
  };
}

/** Signs a payload as Moodle does: header {typ: JWT, alg: RS256, kid}. */
export async function signWithPlatformKey(
  keys: PlatformKeys,
  payload: Record<string, unknown>,
  opts: SignOptions = {},
): Promise<string> {
  const key = opts.wrongKey ? await keys.wrongKey() : keys.privateKey;
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: opts.kid ?? keys.kid })
    .sign(key);
}

/** A JWT that Moodle could not verify, carrying the message php-jwt would have thrown. */
export class MoodleJwtError extends Error {}

/** php-jwt's wording for the failures a fake must reproduce. */
function moodleMessage(err: unknown): string {
  if (err instanceof errors.JWKSNoMatchingKey) return '"kid" invalid, unable to lookup correct key';
  if (err instanceof errors.JWSSignatureVerificationFailed) return "Signature verification failed";
  if (err instanceof errors.JWTExpired) return "Expired token";
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return "Wrong number of segments";
  return err instanceof Error ? err.message : String(err);
}

/** Verifies an RS256 JWT against a key set; throws MoodleJwtError with Moodle's message. */
export async function verifyWithKeySet(
  jwt: string,
  jwks: JSONWebKeySet,
): Promise<{ payload: JWTPayload; header: ProtectedHeaderParameters }> {
  try {
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ["RS256"] });
    return { payload, header: protectedHeader };
  } catch (err) {
    throw new MoodleJwtError(moodleMessage(err));
  }
}

/** Fetches a tool's JWKS over real HTTP, as Moodle does server-side from the publickeyset URL. */
export async function fetchKeySet(url: string): Promise<JSONWebKeySet> {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new MoodleJwtError(`Failed to fetch the tool keyset: HTTP ${res.status}`);
  const body = (await res.json()) as unknown;
  if (!body || typeof body !== "object" || !Array.isArray((body as { keys?: unknown }).keys)) {
    throw new MoodleJwtError("Failed to fetch the tool keyset: no keys");
  }
  return body as JSONWebKeySet;
}

/** Decodes a JWT's header and payload without verifying; undefined when it is not a JWT. */
export function peekJwt(
  jwt: string,
): { header: ProtectedHeaderParameters; payload: Record<string, unknown> } | undefined {
  const parts = jwt.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const header = decodeProtectedHeader(jwt);
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    if (!payload || typeof payload !== "object") return undefined;
    return { header, payload: payload as Record<string, unknown> };
  } catch {
    return undefined;
  }
}
