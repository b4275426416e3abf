/**
 * The staff feature's front door: who on a platform is on the Study Support Centre's coordinator list. Planning,
 * the outbox page and follow-up all ask it, so it stands below them.
 */
export { isListedCoordinator } from "./queries.js";
export { addCoordinator } from "./add-coordinator.js";
