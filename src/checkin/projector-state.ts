import QRCode from "qrcode";
import type { Db } from "../db/client.js";
import { listExpectedStudents } from "../attendance/index.js";
import type { SessionWithGroups } from "../attendance/index.js";
import { checkinWindowState, type WindowState } from "./rules/checkin-window.js";
import { signLink } from "./checkin-link.js";
import { currentCode } from "./codes.js";
import { countSelfMarks, type CheckinSettingsRow } from "./queries.js";
import { secondsLeftInStep } from "./rotating-code.js";

export interface ProjectorState {
  state: WindowState;
  code: string;
  url: string;
  qrSvg: string;
  /** Seconds until the code changes (rotating codes only). */
  secondsLeft: number | null;
  stepSeconds: number | null;
  count: number;
  total: number;
}

/**
 * What every open projector page shows at `now`: the same code (server clock), its signed link as an SVG
 * QR code, the countdown and "checked in: n / total". A closed window shows no code.
 */
export async function getProjectorState(
  db: Db,
  courseId: number,
  session: SessionWithGroups,
  settings: CheckinSettingsRow,
  now: Date,
  opts: { linkKey: string; publicUrl: string },
): Promise<ProjectorState> {
  const state = settings.isEnabled
    ? checkinWindowState({ ...settings, startsAt: session.startsAt, endsAt: session.endsAt }, now)
    : "closed";
  const [count, students] = await Promise.all([
    countSelfMarks(db, session.id),
    listExpectedStudents(db, courseId, session),
  ]);
  const rotating = settings.method === "rotating_qr";
  if (state !== "open")
    return { state, code: "", url: "", qrSvg: "", secondsLeft: null, stepSeconds: null, count, total: students.length };
  const code = await currentCode(settings, now);
  const url = `${opts.publicUrl}/c/${signLink(opts.linkKey, { sessionId: session.id, code })}`;
  const qrSvg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    state,
    code,
    url,
    qrSvg,
    secondsLeft: rotating ? secondsLeftInStep(now, settings.stepSeconds) : null,
    stepSeconds: rotating ? settings.stepSeconds : null,
    count,
    total: students.length,
  };
}
