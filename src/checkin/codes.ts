import { randomInt } from "node:crypto";
import type { CheckinMethod } from "../db/schema/checkin.js";
import { isRotatingCodeValid, rotatingCode } from "./rotating-code.js";

/** The part of a session's settings that decides its codes. */
export interface CodeSettings {
  method: CheckinMethod;
  password: string;
  secret: string;
  stepSeconds: number;
}

export type CodeVerdict = "ok" | "expired" | "wrong";

/** How many steps back a rotating code still counts as "expired" rather than "wrong" (for the message only). */
const EXPIRED_LOOKBACK_STEPS = 60;

/** A generated password: 6 letters and digits without look-alikes (no 0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

/** One spelling per code: NFC (a phone keyboard may send "ī" as i + combining macron), no case, no spaces. */
const normal = (code: string) => code.normalize("NFC").trim().toLocaleLowerCase("lv").replace(/\s+/g, "");

/** The code a projector shows at `now`: the password, the static code, or the rotating code of this step. */
export async function currentCode(s: CodeSettings, now: Date): Promise<string> {
  return s.method === "rotating_qr" ? rotatingCode(s.secret, now, s.stepSeconds) : s.password;
}

/**
 * Whether `code` was valid at `at`: a rotating code for its own step and the one before; a password or static
 * code while it is unchanged. A rotating code of a recent earlier step is "expired" so the student is told so.
 */
export async function verifyCode(s: CodeSettings, code: string, at: Date): Promise<CodeVerdict> {
  const typed = normal(code);
  if (s.method !== "rotating_qr") return typed !== "" && typed === normal(s.password) ? "ok" : "wrong";
  if (await isRotatingCodeValid(s.secret, typed, at, s.stepSeconds)) return "ok";
  for (let back = 2; back <= EXPIRED_LOOKBACK_STEPS; back++) {
    const then = new Date(at.getTime() - back * s.stepSeconds * 1000);
    if ((await rotatingCode(s.secret, then, s.stepSeconds)) === typed) return "expired";
  }
  return "wrong";
}
