import { createHmac, randomBytes, randomInt } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Request, type Response } from "express";

/** A meeting as the fake keeps it (the same fields Zoom answers with). */
export interface FakeMeeting {
  id: number;
  uuid: string;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  start_time: string;
  duration: number;
  timezone: string;
  password: string;
  join_url: string;
  start_url: string;
  settings: Record<string, unknown>;
  /** Zoom's `status` in GET /meetings/{id}: "waiting" until the host starts it, "started" while it runs. */
  status: "waiting" | "started";
}

export interface FakeZoom {
  apiUrl: string;
  oauthUrl: string;
  credentials: { accountId: string; clientId: string; clientSecret: string };
  meetings: Map<string, FakeMeeting>;
  /** Every API call (not token requests): "POST /users/a@x/meetings" ... */
  calls: string[];
  tokensIssued: number;
  /** The next n API calls answer 429 with this Retry-After (seconds). */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** Meeting creates for this host user answer this error. */
  refuseHost(user: string, status: number, code: number, message: string): void;
  /** Every issued token becomes invalid (the next call answers 401 code 124). */
  revokeTokens(): void;
  /** Participants of a past meeting for the report endpoint. */
  setParticipants(meetingId: string, rows: Array<Record<string, unknown>>): void;
  close(): Promise<void>;
}

const err = (res: Response, status: number, code: number, message: string) =>
  res.status(status).json({ code, message });

/** Zoom webhook signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{raw body}") in hex. */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/** The answer Zoom expects to endpoint.url_validation. */
export function urlValidationAnswer(
  secret: string,
  plainToken: string,
): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: createHmac("sha256", secret).update(plainToken).digest("hex") };
}

/** A fake Zoom (Server-to-Server OAuth, meetings, participants report) on 127.0.0.1, following docs zoom-api.md. */
export async function startFakeZoom(): Promise<FakeZoom> {
  const credentials = { accountId: "acc-1", clientId: "zoom-client", clientSecret: "zoom-secret" };
  const meetings = new Map<string, FakeMeeting>();
  const participants = new Map<string, Array<Record<string, unknown>>>();
  const tokens = new Set<string>();
  const refusals = new Map<string, { status: number; code: number; message: string }>();
  const calls: string[] = [];
  let limited = { n: 0, retryAfter: 1 };
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  const state = { tokensIssued: 0 };

  app.post("/oauth/token", (req, res) => {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64");
    if (req.get("authorization") !== `Basic ${basic}`) return err(res, 401, 4700, "Invalid client_id or client_secret");
    const body = req.body as Record<string, string>;
    if (body.grant_type !== "account_credentials" || body.account_id !== credentials.accountId)
      return err(res, 400, 4702, "Invalid grant type or account id");
    const token = randomBytes(16).toString("hex");
    tokens.add(token);
    state.tokensIssued++;
    res.json({
      access_token: token,
      token_type: "bearer",
      expires_in: 3600,
      scope: "meeting:write:admin",
      api_url: "https://api.zoom.us",
    });
  });

  const api = express.Router();
  api.use((req, res, next) => {
    calls.push(`${req.method} ${req.path}`);
    if (limited.n > 0) {
      limited.n--;
      return res
        .status(429)
        .set("Retry-After", String(limited.retryAfter))
        .json({ code: 429, message: "You have reached the maximum per-second rate limit for this API." });
    }
    const token = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1];
    if (!token || !tokens.has(token)) return err(res, 401, 124, "Invalid access token.");
    next();
  });
  api.post("/users/:user/meetings", (req: Request, res) => {
    const user = String(req.params.user);
    const refusal = refusals.get(user);
    if (refusal) return err(res, refusal.status, refusal.code, refusal.message);
    const b = req.body as Partial<FakeMeeting>;
    if (b.password && !/^[A-Za-z0-9@\-_*]{1,10}$/.test(b.password)) return err(res, 400, 300, "Invalid password.");
    const id = randomInt(80_000_000_000, 99_999_999_999);
    const m: FakeMeeting = {
      id,
      uuid: randomBytes(12).toString("base64"),
      host_id: `host-${user}`,
      host_email: user,
      topic: b.topic ?? "",
      type: b.type ?? 2,
      start_time: b.start_time ?? "",
      duration: b.duration ?? 60,
      timezone: b.timezone ?? "UTC",
      password: b.password ?? "",
      join_url: `https://us06web.zoom.us/j/${id}?pwd=${randomBytes(8).toString("hex")}`,
      start_url: `https://us06web.zoom.us/s/${id}?zak=${randomBytes(16).toString("hex")}`,
      settings: (b.settings as Record<string, unknown>) ?? {},
      status: "waiting",
    };
    meetings.set(String(id), m);
    res.status(201).json({ ...m, encrypted_password: "x" });
  });
  api.get("/meetings/:id", (req, res) => {
    const m = meetings.get(String(req.params.id));
    return m ? res.json(m) : err(res, 404, 3001, "Meeting does not exist.");
  });
  api.patch("/meetings/:id", (req, res) => {
    const m = meetings.get(String(req.params.id));
    if (!m) return err(res, 404, 3001, "Meeting does not exist.");
    Object.assign(m, req.body as Partial<FakeMeeting>);
    res.status(204).end();
  });
  api.delete("/meetings/:id", (req, res) => {
    if (!meetings.delete(String(req.params.id))) return err(res, 404, 3001, "Meeting does not exist.");
    res.status(204).end();
  });
  api.get("/report/meetings/:id/participants", (req, res) => {
    // Express decodes the segment once; a UUID with "/" or "//" must arrive encoded twice (Zoom's rule)
    const once = String(req.params.id);
    const id = once.includes("%") ? decodeURIComponent(once) : once;
    if ((id.startsWith("/") || id.includes("//")) && once === id) return err(res, 404, 3001, "Meeting does not exist.");
    const rows = participants.get(id);
    if (!rows) return err(res, 404, 3001, "Meeting does not exist.");
    const size = Math.min(Number(req.query.page_size ?? 30) || 30, 300);
    const from = Number(req.query.next_page_token ?? 0) || 0;
    const next = from + size < rows.length ? String(from + size) : "";
    res.json({
      page_size: size,
      total_records: rows.length,
      next_page_token: next,
      participants: rows.slice(from, from + size),
    });
  });
  app.use("/v2", api);

  const server: Server = createServer(app);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/v2`,
    oauthUrl: `${base}/oauth/token`,
    credentials,
    meetings,
    calls,
    get tokensIssued() {
      return state.tokensIssued;
    },
    rateLimitNext: (n, retryAfter) => void (limited = { n, retryAfter }),
    refuseHost: (user, status, code, message) => void refusals.set(user, { status, code, message }),
    revokeTokens: () => tokens.clear(),
    setParticipants: (id, rows) => void participants.set(id, rows),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
