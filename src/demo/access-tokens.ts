import { randomBytes } from "node:crypto";

/** The demo platform's OAuth2 access tokens (in memory, an hour each): the token endpoint issues, NRPS checks. */
export interface AccessTokens {
  issue(): string;
  isValid(token: string): boolean;
}

/** A fresh store of access tokens, valid for `ttlMs` from when they were issued by `now`. */
export function accessTokens(now: () => Date, ttlMs = 3600_000): AccessTokens {
  const expiries = new Map<string, number>();
  return {
    issue() {
      const token = randomBytes(16).toString("hex");
      expiries.set(token, now().getTime() + ttlMs);
      return token;
    },
    isValid(token) {
      const expires = expiries.get(token);
      return expires !== undefined && expires >= now().getTime();
    },
  };
}
