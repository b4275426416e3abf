import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";
import { buildApp, type RollbookApp } from "../../src/app.js";
import { parseEnv, type Env } from "../../src/env.js";
import type { Database } from "../../src/db/client.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface TestApp extends RollbookApp {
  baseUrl: string;
  env: Env;
  database: TestDatabase;
  server: Server;
  /** The clock the app sees; tests move it with `clock.set(...)`. */
  clock: { now: () => Date; set(d: Date | null): void };
  close(): Promise<void>;
}

/**
 * The real app on a real port (127.0.0.1:random) over a fresh database. The server listens before the app is
 * built so PUBLIC_URL names the real port (the demo platform and ltijs call it back server-to-server).
 */
export async function startTestApp(
  vars: Record<string, string> = {},
  opts: { database?: Database | TestDatabase; logger?: Logger } = {},
): Promise<TestApp> {
  // a database of the test's own (its destroy, e.g. behind a proxy), or another instance's (only closed here)
  const given = opts.database;
  const database: TestDatabase = given
    ? { ...given, destroy: "destroy" in given ? () => given.destroy() : () => given.close() }
    : await createTestDatabase();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const parsed = parseEnv({
    NODE_ENV: "test",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // supertest's cookie jar, like any non-browser client, keeps Secure cookies from going back over http: the
    // tests' http://127.0.0.1 app sets plain SameSite=Lax cookies. Tests of the localhost policy pass "true".
    LOCALHOST_SECURE_COOKIES: "false",
    // every request of the tests and benchmarks comes from 127.0.0.1, like a campus behind one address: launches are
    // counted but not refused (test/http/lti-rate-limit.test.ts sets its own limit)
    LTI_RATE_LIMIT_PER_MINUTE: "1000000",
    LOG_LEVEL: "silent",
    DEMO_ENABLED: "false",
    DATA_DIR: "./data/test",
    ...vars,
  });
  if ("errors" in parsed) throw new Error(parsed.errors.join("; "));
  const env = parsed.env;
  let fixed: Date | null = null;
  const clock = { now: () => fixed ?? new Date(), set: (d: Date | null) => void (fixed = d) };
  const built = await buildApp({
    env,
    database,
    logger: opts.logger ?? pino({ level: "silent" }),
    encryptionKey: "test-encryption-key-0123456789-abcdefghij",
    now: () => clock.now(),
  });
  server.on("request", built.app);
  return {
    ...built,
    baseUrl: env.PUBLIC_URL,
    env,
    database,
    server,
    clock,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.destroy();
    },
  };
}
