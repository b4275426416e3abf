/** The registration feature's front door: what other features may use. */
export { activatePlatform } from "./activate-platform.js";
export { addPlatform, parsePlatformFile } from "./add-platform.js";
export { registrationRoutes, type RegistrationDeps } from "./dynamic-registration.js";
export { createRegistrationLink } from "./registration-links.js";
