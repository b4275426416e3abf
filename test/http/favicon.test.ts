import { Writable } from "node:stream";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { pino } from "pino";
import request from "supertest";
import { buildApp } from "../../src/app.js";
import { parseEnv, type Env } from "../../src/env.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

describe("the favicon", function () {
  let database: TestDatabase;
  let server: ReturnType<typeof createServer>;
  let base: string;
  const lines: { level: number; msg: string; req?: { url?: string } }[] = [];
  before(async () => {
    database = await createTestDatabase();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const parsed = parseEnv({ NODE_ENV: "test", PUBLIC_URL: base, DEMO_ENABLED: "false" }) as { env: Env };
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l) as (typeof lines)[0]);
        done();
      },
    });
    const built = await buildApp({
      env: parsed.env,
      database,
      logger: pino({ level: "info" }, sink),
      encryptionKey: "test-encryption-key-0123456789-abcdefghij",
    });
    server.on("request", built.app);
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.destroy();
  });

  it("answers /favicon.ico with an icon, cached, and logs no warning for it", async () => {
    const res = await request(base).get("/favicon.ico").expect(200);
    expect(res.headers["content-type"]).to.match(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(res.headers["cache-control"]).to.include("max-age=604800");
    expect((res.body as Buffer).subarray(0, 4).toString("hex")).to.equal("00000100"); // an ICO header
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.filter((l) => l.level >= 40)).to.deep.equal([]);
    expect(lines.filter((l) => l.req?.url === "/favicon.ico")).to.deep.equal([]);
  });

  it("is named in every page's head", async () => {
    const res = await request(base).get("/no/such/page").expect(404);
    expect(res.text).to.include('<link rel="icon" href="/favicon.ico"');
  });
});
