import axios, { type AxiosInstance, type AxiosRequestConfig } from "axios";
import { z } from "zod";
import { ZoomError } from "./zoom-errors.js";

export interface ZoomConfig {
  accountId: string;
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  oauthUrl: string;
  now?: () => Date;
  /** How to wait for Retry-After (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
  /** The longest Retry-After honoured before giving up with rate_limited. Default 30 s. */
  maxRetryAfterMs?: number;
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
/** What we keep of a meeting: never start_url (it carries a host token that expires within hours). */
const meetingSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  join_url: z.string(),
  password: z.string().optional().default(""),
});
/** Zoom's `status` of a meeting in GET /meetings/{id}: "waiting" until the host starts it, "started" while it runs. */
const meetingStatusSchema = z.object({ status: z.string().optional().default("waiting") });
const zoomErrorBody = z.object({ code: z.number().optional(), message: z.string().optional() }).partial();

export type ZoomMeeting = z.infer<typeof meetingSchema>;

const participantsPage = z.object({
  next_page_token: z.string().optional().default(""),
  participants: z
    .array(
      z.object({
        id: z.string().optional().default(""),
        name: z.string().optional().default(""),
        user_email: z.string().optional().default(""),
        duration: z.number().optional().default(0),
      }),
    )
    .default([]),
});

/** One join session in Zoom's participants report (a person who joined three times has three rows). */
export type ZoomParticipantRow = z.infer<typeof participantsPage>["participants"][number];

/**
 * A meeting id or UUID as a path segment of the past-meeting and report APIs: Zoom's rule is that a UUID starting with
 * "/" or containing "//" is URL-encoded twice, anything else once.
 */
export function meetingPathSegment(idOrUuid: string): string {
  const once = encodeURIComponent(idOrUuid);
  return idOrUuid.startsWith("/") || idOrUuid.includes("//") ? encodeURIComponent(once) : once;
}

/** The body of a scheduled meeting (type 2) as Rollbook sends it. */
export interface MeetingBody {
  topic: string;
  type: 2;
  start_time: string;
  timezone: string;
  duration: number;
  password: string;
  agenda?: string;
  settings: { waiting_room: boolean; join_before_host: boolean; mute_upon_entry: boolean };
}

/** A thin Zoom REST client: Server-to-Server OAuth, meetings create/update/delete, 429 Retry-After and expired tokens handled. */
export interface ZoomClient {
  createMeeting(hostUser: string, body: MeetingBody): Promise<ZoomMeeting>;
  updateMeeting(meetingId: string, body: Partial<MeetingBody>): Promise<void>;
  deleteMeeting(meetingId: string): Promise<void>;
  /** Whether the meeting runs now (GET /meetings/{id}, `status` "started"): the live page's fallback without webhooks. */
  isMeetingRunning(meetingId: string): Promise<boolean>;
  /** Every row of a past meeting's participants report (Reports API), all pages of up to 300. */
  listParticipants(meetingIdOrUuid: string): Promise<ZoomParticipantRow[]>;
}

type Call = (config: AxiosRequestConfig, attempt?: number) => Promise<unknown>;

/** The account's access token, cached until about a minute before it expires (there is no refresh token). */
interface TokenCache {
  get(): Promise<string>;
  /** Forgets the token (Zoom said it was revoked or expired early). */
  clear(): void;
}

/** Asks Zoom's OAuth endpoint for an account-credentials token. */
async function requestToken(cfg: ZoomConfig) {
  const res = await axios
    .post(
      cfg.oauthUrl,
      new URLSearchParams({ grant_type: "account_credentials", account_id: cfg.accountId }).toString(),
      {
        auth: { username: cfg.clientId, password: cfg.clientSecret },
        headers: { "content-type": "application/x-www-form-urlencoded" },
        timeout: 15_000,
        validateStatus: () => true,
      },
    )
    .catch(() => null);
  if (!res) throw new ZoomError("unavailable", null);
  if (res.status !== 200) throw new ZoomError("auth", res.status, zoomErrorBody.safeParse(res.data).data?.code ?? null);
  return tokenSchema.parse(res.data);
}

function tokenCache(cfg: ZoomConfig, now: () => Date): TokenCache {
  let token: { value: string; until: number } | null = null;
  return {
    async get() {
      if (token && now().getTime() < token.until) return token.value;
      const parsed = await requestToken(cfg);
      token = { value: parsed.access_token, until: now().getTime() + (parsed.expires_in - 60) * 1000 };
      return token.value;
    },
    clear() {
      token = null;
    },
  };
}

/** One authorised API call: a revoked token is renewed once, 429 waits for Retry-After (twice at most), errors are typed. */
function apiCaller(cfg: ZoomConfig, tokens: TokenCache): Call {
  const sleep = cfg.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const http: AxiosInstance = axios.create({ baseURL: cfg.apiUrl, timeout: 15_000, validateStatus: () => true });
  const call: Call = async (config, attempt = 0) => {
    const res = await http
      .request({ ...config, headers: { authorization: `Bearer ${await tokens.get()}` } })
      .catch(() => null);
    if (!res) throw new ZoomError("unavailable", null);
    const code = zoomErrorBody.safeParse(res.data).data?.code ?? null;
    if (res.status === 401 && code === 124 && attempt === 0) {
      tokens.clear(); // revoked or expired early: ask for a new one once
      return call(config, attempt + 1);
    }
    if (res.status === 429) {
      const wait = Number(res.headers["retry-after"] ?? 1) * 1000;
      if (attempt >= 2 || wait > (cfg.maxRetryAfterMs ?? 30_000)) throw new ZoomError("rate_limited", 429, code);
      await sleep(wait);
      return call(config, attempt + 1);
    }
    if (res.status >= 500) throw new ZoomError("unavailable", res.status, code);
    if (res.status === 404 || code === 3001) throw new ZoomError("not_found", res.status, code);
    if (res.status >= 400) throw new ZoomError("refused", res.status, code);
    return res.data;
  };
  return call;
}

/** Every page of a past meeting's participants report (up to 300 rows a page). */
async function listAllParticipants(call: Call, meetingIdOrUuid: string): Promise<ZoomParticipantRow[]> {
  const rows: ZoomParticipantRow[] = [];
  let next = "";
  do {
    const page = participantsPage.parse(
      await call({
        method: "GET",
        url: `/report/meetings/${meetingPathSegment(meetingIdOrUuid)}/participants`,
        params: { page_size: 300, ...(next ? { next_page_token: next } : {}) },
      }),
    );
    rows.push(...page.participants);
    next = page.next_page_token;
  } while (next);
  return rows;
}

/** The meeting endpoints Rollbook uses, over an authorised caller. */
function meetingsApi(call: Call): ZoomClient {
  return {
    async createMeeting(hostUser, body) {
      return meetingSchema.parse(
        await call({ method: "POST", url: `/users/${encodeURIComponent(hostUser)}/meetings`, data: body }),
      );
    },
    async updateMeeting(meetingId, body) {
      await call({ method: "PATCH", url: `/meetings/${encodeURIComponent(meetingId)}`, data: body });
    },
    listParticipants: (meetingIdOrUuid) => listAllParticipants(call, meetingIdOrUuid),
    async isMeetingRunning(meetingId) {
      const m = meetingStatusSchema.parse(
        await call({ method: "GET", url: `/meetings/${encodeURIComponent(meetingId)}` }),
      );
      return m.status === "started";
    },
    async deleteMeeting(meetingId) {
      await call({
        method: "DELETE",
        url: `/meetings/${encodeURIComponent(meetingId)}`,
        params: { schedule_for_reminder: false, cancel_meeting_reminder: false },
      });
    },
  };
}

/** Builds the client; the token is cached until about a minute before it expires (there is no refresh token). */
export function createZoomClient(cfg: ZoomConfig): ZoomClient {
  return meetingsApi(apiCaller(cfg, tokenCache(cfg, cfg.now ?? (() => new Date()))));
}
