import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase, type Database } from "../db/client.js";
import { migrateDatabase } from "../db/migrate.js";
import { loadEnv, type Env } from "../env.js";
import { createLti, type Lti, type LtiHandlers } from "../lti/provider.js";
import { runMoodleCommand } from "../bridge/index.js";
import { activatePlatform, createRegistrationLink } from "../registration/index.js";
import { addPlatform, parsePlatformFile } from "../registration/index.js";
import { resolveEncryptionKey } from "../secrets.js";
import { cookiePolicy } from "../http/cookie-policy.js";
import { addCoordinator } from "../staff/index.js";
import { runPrivacyCommand } from "../privacy/index.js";

const USAGE = `rollbook <command>
  platform:add --issuer URL --client-id ID [--name NAME] [--auth URL] [--token URL] [--jwks URL] [--inactive]
  platform:import FILE.json        register every platform in a JSON file (see lti-config/platform.example.json)
  platform:list                    list registered platforms
  registration:link [--hours 24] [--note TEXT]   a one-time Dynamic Registration link to paste in Moodle's "Tool URL"
  platform:activate ID|ISSUER [--client-id ID]
  platform:deactivate ID|ISSUER [--client-id ID]
  moodle:connect --platform ID --url URL --token TOKEN   store the platform's Moodle web-service URL and token (encrypted)
  moodle:check --platform ID [--course MOODLE_COURSE_ID] [--lang lv|en]   check the connection, functions and capabilities
  coordinator:add EMAIL|USER_ID [--platform ID] [--name NAME]   put someone on the study-day coordinator list
  privacy:export --platform ID|ISSUER --user MOODLE_USER_ID [--email ADDRESS]... [--out FILE.json]
                                   everything about one person of one platform as JSON (docs/privacy.md)
  privacy:delete --platform ID|ISSUER --user MOODLE_USER_ID [--email ADDRESS]... [--dry-run]
                                   delete their rows, anonymise what the course keeps; --dry-run only counts
  migrate                          apply database migrations and exit`;

const noHandlers: LtiHandlers = {
  onLaunch: async () => undefined,
  onDeepLinking: async () => undefined,
  onFailure: async () => undefined,
};

function print(p: { id: string; name: string; issuer: string; clientId: string; active: boolean }): void {
  process.stdout.write(
    `${p.active ? "active " : "PENDING"}  ${p.id}  ${p.issuer}  client_id=${p.clientId}  ${p.name}\n`,
  );
}

const OPTIONS = {
  issuer: { type: "string" },
  "client-id": { type: "string" },
  name: { type: "string" },
  auth: { type: "string" },
  token: { type: "string" },
  jwks: { type: "string" },
  inactive: { type: "boolean" },
  platform: { type: "string" },
  url: { type: "string" },
  course: { type: "string" },
  lang: { type: "string" },
  hours: { type: "string" },
  note: { type: "string" },
  user: { type: "string" },
  email: { type: "string", multiple: true },
  out: { type: "string" },
  "dry-run": { type: "boolean" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

interface Ctx {
  command: string;
  values: Values;
  positionals: string[];
  env: Env;
  database: Database;
  encryptionKey: string;
  lti: Lti;
}

const out = (text: string) => process.stdout.write(text);

/** One line per command: what it runs. */
const COMMANDS: Record<string, (c: Ctx) => Promise<void>> = {
  "platform:add": async ({ lti, values: v }) =>
    print(
      await addPlatform(lti, {
        issuer: v.issuer ?? "",
        clientId: v["client-id"] ?? "",
        name: v.name,
        authEndpoint: v.auth,
        tokenEndpoint: v.token,
        jwksUrl: v.jwks,
        active: !v.inactive,
      }),
    ),
  "platform:import": async ({ lti, positionals }) => {
    const file = positionals[0];
    if (!file) throw new Error("platform:import needs a JSON file");
    for (const p of parsePlatformFile(JSON.parse(readFileSync(file, "utf8")))) print(await addPlatform(lti, p));
  },
  "registration:link": async ({ database, env, values }) => {
    const hours = Number(values.hours ?? "24");
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new Error("--hours must be 1 to 720");
    const link = await createRegistrationLink(database.db, { hours, note: values.note }, new Date());
    out(
      `${env.PUBLIC_URL}/lti/register?key=${link.key}\n` +
        `one registration, valid until ${link.expiresAt.toISOString()}; paste it as the Tool URL in Moodle\n`,
    );
  },
  "platform:list": async ({ lti }) => {
    for (const p of await lti.listPlatforms()) print(p);
  },
  "platform:activate": activation,
  "platform:deactivate": activation,
  "moodle:connect": moodle,
  "moodle:check": moodle,
  "coordinator:add": coordinatorAdd,
  "privacy:export": privacy,
  "privacy:delete": privacy,
};

async function activation({ command, lti, positionals, values }: Ctx): Promise<void> {
  const ref = positionals[0];
  if (!ref) throw new Error(`${command} needs a platform id or issuer`);
  print(await activatePlatform(lti, ref, command === "platform:activate", values["client-id"]));
}

async function moodle({ command, lti, database, encryptionKey, values }: Ctx): Promise<void> {
  const ids = (await lti.listPlatforms()).map((p) => p.id);
  const which = command as "moodle:connect" | "moodle:check";
  const result = await runMoodleCommand(which, database.db, encryptionKey, ids, values, new Date());
  out(`${result.output}\n`);
  if (!result.ok) process.exitCode = 2;
}

async function coordinatorAdd({ lti, database, positionals, values }: Ctx): Promise<void> {
  const who = positionals[0];
  if (!who) throw new Error("coordinator:add needs an e-mail or a Moodle user id");
  const platforms = await lti.listPlatforms();
  const chosen = values.platform
    ? platforms.filter((p) => p.id === values.platform || p.issuer === values.platform)
    : platforms.filter((p) => p.active);
  if (chosen.length !== 1)
    throw new Error(
      chosen.length === 0
        ? "no such platform: see platform:list"
        : `several platforms: choose one with --platform (${chosen.map((p) => p.id).join(", ")})`,
    );
  const added = await addCoordinator(database.db, { platformId: chosen[0]!.id, who, name: values.name });
  out(`coordinator  ${chosen[0]!.id}  ${added.userId}  ${added.name}\n`);
}

async function privacy({ command, lti, database, values }: Ctx): Promise<void> {
  const which = command as "privacy:export" | "privacy:delete";
  out(await runPrivacyCommand(which, database.db, await lti.listPlatforms(), values, new Date()));
}

/** The admin's command line: register, list and activate platforms without a browser. */
async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: OPTIONS });
  if (!command || command === "help" || command === "--help") {
    out(`${USAGE}\n`);
    return;
  }
  const handler = COMMANDS[command];
  if (!handler && command !== "migrate") throw new Error(`Unknown command ${command}\n${USAGE}`);
  const env = loadEnv();
  const database = await openDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  try {
    await migrateDatabase(database);
    if (!handler) return; // migrate
    const encryptionKey = resolveEncryptionKey(env);
    const lti: Lti = createLti({
      db: database.db,
      encryptionKey,
      publicUrl: env.PUBLIC_URL,
      toolName: env.TOOL_NAME,
      secureCookies: cookiePolicy(env).isSecure,
      tokenMaxAgeSeconds: env.LTI_TOKEN_MAX_AGE_SECONDS,
      handlers: noHandlers,
    });
    await handler({ command, values, positionals, env, database, encryptionKey, lti });
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`rollbook: ${(err as Error).message}\n`);
  process.exit(1);
});
