import { Router } from "express";
import { connectionRoutes, type BridgeRouteDeps } from "./connection-routes.js";
import { messageRoutes } from "./message-routes.js";

export type { BridgeRouteDeps } from "./connection-routes.js";

/** Every page of the Moodle bridge: the admin's connection page and the lecturer's messages. */
export function bridgeRoutes(deps: BridgeRouteDeps): Router {
  return Router().use(connectionRoutes(deps), messageRoutes(deps));
}
