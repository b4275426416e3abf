import { randomBytes } from "node:crypto";
import express, { Router } from "express";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { z } from "zod";
import { Invalid } from "../errors.js";
import type { Locale } from "../lti/actor.js";
import type { DemoKeys } from "./demo-keys.js";
import { signDemoIdToken } from "./demo-id-token.js";
import {
  DEMO_CLIENT_ID,
  DEMO_COORDINATOR,
  DEMO_COURSE,
  DEMO_RESOURCE_LINK,
  DEMO_STAFF_COURSE,
  DEMO_DEPLOYMENT_ID,
  DEMO_LECTURER,
  DEMO_PEOPLE,
  DEMO_STUDENTS,
  demoPerson,
} from "./demo-people.js";

export interface DemoDeps {
  keys: DemoKeys;
  publicUrl: string;
  /** How the server reaches itself (token and roster endpoints are called server-to-server by ltijs). */
  internalUrl: string;
  now: () => Date;
}

const launchSchema = z.object({
  user: z.string().min(1),
  kind: z.enum(["resource", "deeplink"]).default("resource"),
  lang: z.enum(["lv", "en"]).default("lv"),
});

const authSchema = z.object({
  client_id: z.literal(DEMO_CLIENT_ID),
  redirect_uri: z.string().min(1),
  login_hint: z.string().min(1),
  nonce: z.string().min(1),
  state: z.string().min(1),
  response_type: z.literal("id_token"),
  scope: z.literal("openid"),
  lti_message_hint: z.string().optional(),
});

/** The demo issuer: a small LTI 1.3 platform built into the tool, so a newcomer can try Rollbook without a Moodle. */
export function demoIssuer(publicUrl: string): string {
  return `${publicUrl}/demo/platform`;
}

/** Start page, launch buttons and the demo platform's OIDC, token and roster endpoints. */
export function demoRoutes(deps: DemoDeps): Router {
  const r = Router();
  const issuer = demoIssuer(deps.publicUrl);
  const tokens = new Map<string, number>();

  r.get("/", (_req, res) => {
    res.render("demo/start", {
      course: DEMO_COURSE,
      lecturer: DEMO_LECTURER,
      students: DEMO_STUDENTS,
      coordinator: DEMO_COORDINATOR,
      staffCourse: DEMO_STAFF_COURSE,
    });
  });

  // Moodle's activity page: a signed-out scan of a check-in QR ends here; Moodle asks who you are, then launches.
  r.get("/demo/platform/mod/lti/view.php", (req, res) => {
    const link = typeof req.query.l === "string" ? req.query.l : "";
    if (link !== DEMO_RESOURCE_LINK.id) throw Invalid("demo.unknown_activity");
    res.render("demo/moodle-login", {
      course: DEMO_COURSE,
      students: DEMO_STUDENTS,
      lecturer: DEMO_LECTURER,
      activityTitle: DEMO_RESOURCE_LINK.title,
    });
  });

  r.post("/demo/launch", (req, res) => {
    const input = launchSchema.parse(req.body);
    if (!demoPerson(input.user)) throw Invalid("demo.unknown_person");
    res.render("demo/auto-post", {
      action: `${deps.publicUrl}/lti/login`,
      fields: {
        iss: issuer,
        login_hint: input.user,
        target_link_uri: `${deps.publicUrl}/lti/launch`,
        client_id: DEMO_CLIENT_ID,
        lti_deployment_id: DEMO_DEPLOYMENT_ID,
        lti_message_hint: JSON.stringify({ kind: input.kind, lang: input.lang }),
      },
    });
  });

  r.get("/demo/platform/auth", async (req, res) => {
    const q = authSchema.safeParse(req.query);
    if (!q.success || !q.data.redirect_uri.startsWith(`${deps.publicUrl}/lti/`)) throw Invalid("demo.bad_auth_request");
    const person = demoPerson(q.data.login_hint);
    if (!person) throw Invalid("demo.unknown_person");
    const hint = JSON.parse(q.data.lti_message_hint ?? "{}") as { kind?: "resource" | "deeplink"; lang?: Locale };
    const idToken = await signDemoIdToken(
      deps.keys,
      {
        issuer,
        clientId: DEMO_CLIENT_ID,
        nonce: q.data.nonce,
        person,
        locale: hint.lang === "en" ? "en" : "lv",
        targetLinkUri: `${deps.publicUrl}/lti/launch`,
        membershipsUrl: `${deps.internalUrl}/demo/platform/memberships`,
        kind: hint.kind === "deeplink" ? "deeplink" : "resource",
        deepLinkReturnUrl: `${deps.publicUrl}/demo/platform/deep-link-return`,
      },
      deps.now(),
    );
    res.render("demo/auto-post", { action: q.data.redirect_uri, fields: { id_token: idToken, state: q.data.state } });
  });

  r.get("/demo/platform/jwks", (_req, res) => {
    res.json({ keys: [deps.keys.publicJwk] });
  });

  r.post("/demo/platform/token", express.urlencoded({ extended: false }), async (req, res) => {
    const body = req.body as Record<string, string>;
    try {
      const jwks = (await (await fetch(`${deps.internalUrl}/lti/keys`)).json()) as JSONWebKeySet;
      await jwtVerify(body.client_assertion ?? "", createLocalJWKSet(jwks), {
        issuer: DEMO_CLIENT_ID,
        subject: DEMO_CLIENT_ID,
      });
    } catch {
      res.status(400).json({ error: "invalid_client" });
      return;
    }
    const token = randomBytes(16).toString("hex");
    tokens.set(token, deps.now().getTime() + 3600_000);
    res.json({ access_token: token, token_type: "Bearer", expires_in: 3600, scope: body.scope ?? "" });
  });

  // NRPS: the demo course's 26 people at /memberships, the staff course's coordinator at /memberships/staff
  r.get(["/demo/platform/memberships", "/demo/platform/memberships/staff"], (req, res) => {
    const token = (req.get("authorization") ?? "").replace(/^Bearer\s+/i, "");
    const expires = tokens.get(token);
    if (!expires || expires < deps.now().getTime()) {
      res.status(401).json({ error: "invalid_token" });
      return;
    }
    const isStaff = req.path.endsWith("/staff");
    const url = `${deps.internalUrl}/demo/platform/memberships${isStaff ? "/staff" : ""}`;
    const course = isStaff ? DEMO_STAFF_COURSE : DEMO_COURSE;
    const people = isStaff ? [DEMO_COORDINATOR] : DEMO_PEOPLE;
    const limit = Math.min(Number(req.query.limit) || 10, 100);
    const from = Number(req.query.from) || 0;
    const page = people.slice(from, from + limit);
    if (from + limit < people.length) res.set("Link", `<${url}?limit=${limit}&from=${from + limit}>; rel="next"`);
    res.type("application/vnd.ims.lti-nrps.v2.membershipcontainer+json").send(
      JSON.stringify({
        id: url,
        context: { id: course.id, label: course.label, title: course.title },
        members: page.map((p) => ({
          status: "Active",
          roles: [p.role],
          user_id: p.id,
          name: `${p.given} ${p.family}`,
          given_name: p.given,
          family_name: p.family,
          email: p.email,
        })),
      }),
    );
  });

  r.post("/demo/platform/deep-link-return", async (req, res) => {
    const jwt = (req.body as Record<string, string>).JWT ?? "";
    const jwks = (await (await fetch(`${deps.internalUrl}/lti/keys`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { audience: issuer }).catch(() => {
      throw Invalid("demo.bad_deep_link");
    });
    const items = (payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] ?? []) as {
      title?: string;
      lineItem?: { scoreMaximum?: number };
    }[];
    res.render("demo/deep-link-result", { items });
  });

  return r;
}
