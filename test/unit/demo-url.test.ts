import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { demoUrlProblem, probePublicUrl } from "../../src/demo/index.js";
import { parseEnv, type Env } from "../../src/env.js";

const env = (vars: Record<string, string>) => (parseEnv(vars) as { env: Env }).env;

describe("PUBLIC_URL and the demo's launches", () => {
  it("derives PUBLIC_URL from PORT when PUBLIC_URL is not set", () => {
    expect(env({ PORT: "3100" }).PUBLIC_URL).to.equal("http://localhost:3100");
    expect(env({}).PUBLIC_URL).to.equal("http://localhost:3000");
    expect(env({ PORT: "3100", PUBLIC_URL: "https://rollbook.example.lv" }).PUBLIC_URL).to.equal(
      "https://rollbook.example.lv",
    );
  });

  it("warns when a loopback PUBLIC_URL names another port than the server listens on", () => {
    expect(demoUrlProblem(env({ PORT: "3100" }))).to.equal(null);
    const problem = demoUrlProblem(env({ PORT: "3100", PUBLIC_URL: "http://localhost:3000" }));
    expect(problem).to.include("listens on port 3100");
    expect(problem).to.include("PUBLIC_URL=http://localhost:3100");
    expect(demoUrlProblem(env({ PORT: "3100", PUBLIC_URL: "https://rollbook.example.lv" }))).to.equal(null);
    expect(demoUrlProblem(env({ PORT: "3100", PUBLIC_URL: "http://localhost:3000", DEMO_ENABLED: "false" }))).to.equal(
      null,
    );
  });

  it("probes PUBLIC_URL after listening: quiet when it answers, a warning when nothing is there", async () => {
    const server = createServer((req, res) => res.writeHead(req.url === "/healthz" ? 200 : 404).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await probePublicUrl(`http://127.0.0.1:${port}`)).to.equal(null);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const warning = await probePublicUrl(`http://127.0.0.1:${port}`, 1000);
    expect(warning).to.include("cannot be reached");
  });
});
