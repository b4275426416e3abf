import { DateTime } from "luxon";
import type { Db } from "../db/client.js";
import { listAcceptedAttempts } from "./queries.js";

/** For the register: per self-checked-in student, when (course zone), from which IP and which device. */
export async function presentSelfCheckins(
  db: Db,
  sessionId: number,
  zone: string,
): Promise<Record<string, { time: string; ip: string; device: string }>> {
  const accepted = await listAcceptedAttempts(db, sessionId);
  const out: Record<string, { time: string; ip: string; device: string }> = {};
  for (const [userId, a] of accepted)
    out[userId] = {
      time: DateTime.fromJSDate(a.at, { zone }).toFormat("HH:mm:ss"),
      ip: a.ip,
      device: a.deviceToken.slice(0, 8),
    };
  return out;
}
