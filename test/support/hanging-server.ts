import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

/** A server (a Moodle, a gradebook) that accepts every connection and never answers a byte. */
export interface HangingServer {
  url: string;
  sockets: Socket[];
  close(): Promise<void>;
}

/** Starts a hanging server on a free loopback port. */
export async function startHangingServer(): Promise<HangingServer> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sockets,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
