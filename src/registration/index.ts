/** The registration feature's front door: what other features may use. */
export { activatePlatform } from "./activate-platform.js";
export { addPlatform, parsePlatformFile } from "./add-platform.js";
export { handleDynamicRegistration } from "./dynamic-registration.js";
