import type { StillValid } from "../notify/index.js";
import { getExcuseState } from "./queries.js";

/**
 * The outbox asks this just before it tells the lecturers of a new request: a request withdrawn (or already
 * decided) meanwhile is not worth a message, so the delivery is skipped.
 */
export const excuseRequestStillValid: StillValid = async (db, message) => {
  const excuseId = message.data.excuseId;
  if (typeof excuseId !== "number") return false;
  const row = await getExcuseState(db, excuseId);
  return row !== null && row.platformId === message.platformId && row.state === "waiting";
};
