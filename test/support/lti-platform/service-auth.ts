import type { Request, Response } from "express";
import { statusLineText } from "./html.js";
import type { AccessTokenRecord, PlatformState } from "./state.js";

/**
 * The Bearer token of a services.php call, if it is live, bound to `typeId` and carries one of
 * `anyOfScopes`. Moodle binds a token to its tool: another tool's type_id is refused.
 */
export function serviceToken(
  state: PlatformState,
  req: Request,
  typeId: string | undefined,
  anyOfScopes: string[],
): AccessTokenRecord | undefined {
  const header = req.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const record = match?.[1] ? state.accessTokens.get(match[1]) : undefined;
  if (!record || record.expiresAt < Date.now()) return undefined;
  if (typeId === undefined || record.typeId !== typeId) return undefined;
  if (!record.scopes.some((s) => anyOfScopes.includes(s))) return undefined;
  return record;
}

/** services.php's own error answer: a JSON object naming the request, reason also in the status line. */
export function sendServiceError(req: Request, res: Response, status: number, reason: string): void {
  const request: Record<string, string> = {
    method: req.method,
    url: req.originalUrl,
    accept: req.get("accept") ?? "*/*",
  };
  const contentType = req.get("content-type");
  if (contentType) request.contentType = contentType;
  res.statusMessage = statusLineText(reason);
  res.status(status).type("application/json; charset=utf-8").send(JSON.stringify({ status, reason, request }));
}

export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" ? value : undefined;
}

export function pathParam(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === "string" ? value : undefined;
}
