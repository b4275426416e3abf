import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyOptions } from "jose";

/**
 * Verifies a JWT the tool signed (a client assertion, a Deep Linking response) against the tool's own key set,
 * fetched from the tool as Moodle would; throws when the signature or the claims asked for do not hold.
 */
export async function verifyToolJwt(internalUrl: string, jwt: string, options: JWTVerifyOptions): Promise<JWTPayload> {
  const jwks = (await (await fetch(`${internalUrl}/lti/keys`)).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), options);
  return payload;
}
