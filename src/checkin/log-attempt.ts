import type { Db, Tx } from "../db/client.js";
import { insertAttempt } from "./attempt-queries.js";

/** Where an attempt came from: the request's facts, never trusted for identity. */
export interface RequestFacts {
  ip: string;
  userAgent: string;
  deviceToken: string;
}

export interface AttemptEntry {
  sessionId: number;
  userId: string | null;
  outcome: "accepted" | "already" | "refused";
  reason: string;
  via: "link" | "typed" | "pending";
}

/** Writes one line of the attempt log (the user agent is cut to 300 characters). */
export async function logAttempt(db: Db | Tx, e: AttemptEntry, facts: RequestFacts, at: Date): Promise<void> {
  await insertAttempt(db, {
    ...e,
    ip: facts.ip.slice(0, 64),
    userAgent: facts.userAgent.slice(0, 300),
    deviceToken: facts.deviceToken.slice(0, 64),
    at,
  });
}
