/**
 * The privacy feature's front door: data-protection requests about one person of one platform, answered from the
 * command line (`rollbook privacy:export`, `rollbook privacy:delete`). It reads and changes every feature's tables
 * directly, as the schema's owner of "who is in which row" (src/privacy/tables.ts), so it stands below nothing.
 */
export { findPerson, type PrivacyPlatform } from "./find-person.js";
export { exportPerson, type PersonExport } from "./export-person.js";
export { deletePerson, type DeletePersonResult } from "./delete-person.js";
export { OTHER_TABLES, PERSON_TABLES } from "./tables.js";
export { runPrivacyCommand, choosePlatform } from "./run-privacy-command.js";
export type { Person } from "./person-scope.js";
