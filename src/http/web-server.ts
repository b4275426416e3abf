import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";

export interface WebServer {
  server: Server;
  /**
   * Stops taking connections and closes the open ones cleanly: idle keep-alive connections at once, busy ones
   * after their response, which says `Connection: close` so the client sends its next request on a new
   * connection instead of into one about to be reset. Resolves when every connection is closed.
   */
  drain(): Promise<void>;
}

/** The HTTP server around the app, with a long keep-alive for the proxy and a clean drain for SIGTERM. */
export function createWebServer(app: RequestListener): WebServer {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    inFlight.add(res);
    if (draining) res.setHeader("Connection", "close");
    res.once("close", () => {
      inFlight.delete(res);
      if (draining) server.closeIdleConnections(); // its connection is idle now: close it before it reads more
    });
    app(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than a proxy's idle timeout, so the proxy closes first
  return {
    server,
    drain() {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
      const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      server.closeIdleConnections();
      return closed;
    },
  };
}
