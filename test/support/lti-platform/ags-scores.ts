import type { Request, Response } from "express";
import { statusLineText } from "./html.js";
import type { GradeRow, LineItem, PlatformState } from "./state.js";

const scoreType = "application/vnd.ims.lis.v1.score+json; charset=utf-8";

/** Moodle's score errors: status with a reason in the status line, body `[]`. */
function refuse(res: Response, status: number, reason: string): void {
  res.statusMessage = statusLineText(reason);
  res.status(status).type(scoreType).send("[]");
}

function isNumeric(value: unknown): boolean {
  return typeof value === "number"
    ? Number.isFinite(value)
    : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));
}

/** Only students count (gradebookroles): the lecturer or an unknown user is "Incorrect score received". */
function isGradable(state: PlatformState, userId: unknown): boolean {
  return typeof userId === "string" && state.members.some((m) => m.user_id === userId && m.roles.includes("Learner"));
}

function isValidScore(state: PlatformState, score: Record<string, unknown>): boolean {
  if (score.userId === undefined || !score.timestamp || !score.gradingProgress || !score.activityProgress) return false;
  if (typeof score.timestamp !== "string" || Number.isNaN(Date.parse(score.timestamp))) return false;
  if (score.scoreGiven !== undefined && (!isNumeric(score.scoreGiven) || score.scoreMaximum === undefined))
    return false;
  if (score.scoreMaximum !== undefined && !isNumeric(score.scoreMaximum)) return false;
  return isGradable(state, String(score.userId));
}

function parseScore(raw: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** After the first score, Moodle has a (null) grade row for every student of the course. */
function gradesOf(state: PlatformState, item: LineItem): Map<string, GradeRow> {
  let grades = state.gradebook.get(item.id);
  if (!grades) {
    grades = new Map();
    state.gradebook.set(item.id, grades);
  }
  for (const m of state.members) {
    if (m.roles.includes("Learner") && !grades.has(m.user_id)) {
      grades.set(m.user_id, {
        userId: m.user_id,
        rawgrade: null,
        rawgrademax: item.scoreMaximum,
        timemodified: null,
        feedback: null,
      });
    }
  }
  return grades;
}

/** POST {lineitem}/scores: validates like Moodle, then writes the gradebook row. */
export function postScore(state: PlatformState, item: LineItem, req: Request, res: Response): void {
  const raw = typeof req.body === "string" ? req.body : "";
  const score = parseScore(raw);
  const record = (status: number) => state.receivedScores.push({ lineItemId: item.id, status, body: score ?? { raw } });
  if (!score || !isValidScore(state, score)) {
    record(400);
    return refuse(res, 400, `Incorrect score received${raw}`);
  }
  const userId = String(score.userId);
  const grades = gradesOf(state, item);
  const current = grades.get(userId);
  // Moodle compares whole seconds: a second score for the same user within the same second is refused too.
  const seconds = Math.floor(Date.parse(String(score.timestamp)) / 1000);
  if (current?.timemodified != null && current.timemodified >= seconds) {
    record(409);
    return refuse(res, 409, `Refusing score with an earlier timestamp for item ${item.id} and user ${userId}`);
  }
  const comment = typeof score.comment === "string" ? score.comment : null;
  if (score.gradingProgress !== "FullyGraded") {
    // Quirk: anything but FullyGraded drops scoreGiven; the row is written ungraded.
    grades.set(userId, {
      userId,
      rawgrade: null,
      rawgrademax: item.scoreMaximum,
      timemodified: null,
      feedback: comment,
    });
  } else {
    const given = score.scoreGiven === undefined ? null : Number(score.scoreGiven);
    const max = Number(score.scoreMaximum ?? item.scoreMaximum);
    const rawgrade = given === null ? null : max === item.scoreMaximum ? given : (given / max) * item.scoreMaximum;
    grades.set(userId, { userId, rawgrade, rawgrademax: item.scoreMaximum, timemodified: seconds, feedback: comment });
  }
  record(200);
  res.status(200).type(scoreType).send("");
}

/** GET {lineitem}/results: only graded rows, Moodle's result container (a bare array). */
export function listResults(
  state: PlatformState,
  item: LineItem,
  lineItemUrl: string,
  req: Request,
  res: Response,
): void {
  const userFilter = typeof req.query.user_id === "string" ? req.query.user_id : undefined;
  const [base, query] = lineItemUrl.split("?");
  const rows = [...(state.gradebook.get(item.id)?.values() ?? [])]
    .filter((row) => row.rawgrade !== null && (!userFilter || row.userId === userFilter))
    .map((row) => ({
      id: `${base}/results?${query}&user_id=${row.userId}`,
      userId: row.userId,
      resultScore: row.rawgrade,
      resultMaximum: row.rawgrademax,
      ...(row.feedback ? { comment: row.feedback } : {}),
      scoreOf: lineItemUrl,
      timestamp: new Date((row.timemodified ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
    }));
  res.status(200).type("application/vnd.ims.lis.v2.resultcontainer+json; charset=utf-8").send(JSON.stringify(rows));
}
