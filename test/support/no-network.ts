import net from "node:net";

const LOCAL = new Set(["127.0.0.1", "localhost", "::1", "::ffff:127.0.0.1"]);

/**
 * Mocha root hook: any outbound TCP connection to a host other than loopback fails the test that made it.
 * Tests use the fake Moodle, fake Zoom and test LTI platform on 127.0.0.1 only.
 */
const original = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patched(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string | undefined;
  let host: string | undefined;
  if (typeof first === "object" && first !== null && !Array.isArray(first))
    host = first.path ? "localhost" : (first.host ?? "localhost");
  else if (typeof first === "number") host = typeof args[1] === "string" ? (args[1] as string) : "localhost";
  else if (typeof first === "string") host = "localhost"; // unix socket path
  if (host && !LOCAL.has(host) && !host.startsWith("127.")) {
    throw new Error(`Test tried to reach the network: ${host}. Use the fakes in test/support.`);
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

export const mochaHooks = {};
