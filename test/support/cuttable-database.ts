import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { openDatabase } from "../../src/db/client.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

/** A test database whose connections the test can cut (and refuse) and then restore: a database outage. */
export interface CuttableDatabase extends TestDatabase {
  /** Drops every open connection and refuses new ones (PostgreSQL); closes the embedded database (PGlite, for good). */
  cut(): Promise<void>;
  /** Takes connections again (PostgreSQL only; false on PGlite). */
  restore(): Promise<boolean>;
}

/** A TCP proxy in front of the PostgreSQL server: `cut` destroys its sockets and stops listening on its port. */
async function tcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("error", () => undefined);
          s.on("close", () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    port: () => port,
    async cut() {
      const s = server;
      server = null;
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
      for (const socket of sockets) socket.destroy();
    },
    listen,
  };
}

/** On PostgreSQL, the app's pool goes through a proxy the test can cut; on PGlite, cutting closes the database. */
export async function createCuttableDatabase(): Promise<CuttableDatabase> {
  const base = await createTestDatabase();
  if (base.kind === "pglite") {
    let closed = false;
    return {
      ...base,
      async cut() {
        closed = true;
        await base.pglite!.close();
      },
      restore: async () => false,
      destroy: async () => (closed ? undefined : base.destroy()),
    };
  }
  const url = new URL(base.url!);
  const proxy = await tcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port());
  const through = await openDatabase({ url: url.toString(), poolSize: 10 });
  return {
    ...through,
    async cut() {
      await proxy.cut();
    },
    async restore() {
      await proxy.listen();
      return true;
    },
    async destroy() {
      await proxy.cut();
      await through.close().catch(() => undefined);
      await base.destroy();
    },
  };
}
