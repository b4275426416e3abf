import { generate, generateSecret, verify } from "otplib";

/** A new per-session secret for rotating codes (Base32, 160 bits). */
export function newCheckinSecret(): string {
  return generateSecret({ length: 20 });
}

const epochOf = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * The code the projector shows at `now` (TOTP on the server's clock, so every open projector page shows the
 * same code and a refresh changes nothing).
 */
export async function rotatingCode(secret: string, now: Date, stepSeconds: number): Promise<string> {
  return generate({ secret, epoch: epochOf(now), period: stepSeconds, digits: 6 });
}

/**
 * True when `code` belongs to the step of `now` or the one before it: a photo sent to a friend stops working
 * within two steps, and a student who scanned at the end of a step still gets in.
 */
export async function isRotatingCodeValid(
  secret: string,
  code: string,
  now: Date,
  stepSeconds: number,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({
    secret,
    token: code,
    epoch: epochOf(now),
    period: stepSeconds,
    epochTolerance: [stepSeconds, 0],
  });
  return result.valid;
}

/** Seconds until the code shown at `now` changes (for the projector's countdown). */
export function secondsLeftInStep(now: Date, stepSeconds: number): number {
  return stepSeconds - (epochOf(now) % stepSeconds);
}
