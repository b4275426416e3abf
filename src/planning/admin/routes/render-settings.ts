import type { Response } from "express";
import type { Db } from "../../../db/client.js";
import { actorOf } from "../../../http/require-actor.js";
import { presentSettingsPage } from "../present-settings.js";
import { getSettingsPage } from "../queries.js";

/** The settings page of an activity's study-day area, as routes write it. */
export const SETTINGS = "/activities/:activityId/study-days/settings";

/** The settings page of an activity's study-day area, as links and redirects write it. */
export const settingsUrl = (activityId: number) => `/activities/${activityId}/study-days/settings`;

/** A form that failed: which one, what was typed, and a message per field. */
export interface FailedForm {
  form: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** The page; after a refused form (status 400), that form with its messages and what was typed. */
export async function renderSettings(
  db: Db,
  res: Response,
  activityId: number,
  state: { failed?: FailedForm; notice?: string },
) {
  const actor = actorOf(res);
  const page = await getSettingsPage(db, actor.platformId);
  const here = settingsUrl(activityId);
  res.status(state.failed ? 400 : 200).render("planning/settings", {
    here,
    base: here.replace(/\/settings$/, ""),
    ...presentSettingsPage(page),
    failed: state.failed ?? null,
    notice: state.notice,
  });
}
