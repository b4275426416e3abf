import { Agent, get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { createWebServer } from "../../src/http/web-server.js";

/** A GET through `agent`; resolves with the response (body read) or rejects with the socket's error. */
function fetchVia(agent: Agent, url: string): Promise<{ res: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ res, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

describe("the web server's drain on SIGTERM", function () {
  this.timeout(20_000);

  it("closes idle keep-alive connections at once and busy ones after their response, with no reset", async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    const web = createWebServer((req, res) => {
      if (req.url === "/slow") void released.then(() => res.end("slow done"));
      else res.end("fast");
    });
    await new Promise<void>((r) => web.server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(web.server.address() as AddressInfo).port}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const errors: unknown[] = [];
    const closedSockets: boolean[] = [];
    agent.on("free", (socket) => {
      socket.once("error", (e: Error) => errors.push(e));
      socket.once("close", (hadError: boolean) => closedSockets.push(hadError));
    });
    try {
      // Two connections: one will carry the slow request, the other waits idle in the agent.
      const [idle] = await Promise.all([fetchVia(agent, `${base}/fast`), fetchVia(agent, `${base}/fast`)]);
      expect(idle.res.headers.connection).to.equal("keep-alive");
      const slow = fetchVia(agent, `${base}/slow`);
      await new Promise((r) => setTimeout(r, 100)); // the slow request is being answered
      const started = Date.now();
      const drained = web.drain();
      await new Promise((r) => setTimeout(r, 100));
      expect(closedSockets).to.deep.equal([false]); // the idle connection went at once, cleanly
      expect(errors).to.deep.equal([]);
      release();
      const answer = await slow;
      expect(answer.body).to.equal("slow done");
      expect(answer.res.headers.connection).to.equal("close");
      await drained;
      await new Promise((r) => setTimeout(r, 50)); // the client sees the server's FIN a moment later
      expect(closedSockets).to.deep.equal([false, false]);
      expect(Date.now() - started).to.be.below(2_000); // not after keepAliveTimeout (65 s)
      expect(errors).to.deep.equal([]);
    } finally {
      agent.destroy();
      web.server.closeAllConnections();
    }
  });
});
