import type { Db } from "../../db/client.js";
import { translator } from "../../i18n/i18n.js";
import type { Locale } from "../../lti/actor.js";
import { presentDay } from "../present.js";
import { getPlanningSettings, listDayClasses, listZoomHosts } from "../queries.js";
import { renderDayPlanPdf } from "./render-day-plan-pdf.js";

/** The day-plan PDF of a platform's date in a language (for the download link and the Moodle announcement). */
export async function getDayPlanPdf(
  db: Db,
  platformId: string,
  classDate: string,
  locale: Locale,
  now: Date,
): Promise<Buffer> {
  const settings = await getPlanningSettings(db, platformId);
  const [rows, hosts] = await Promise.all([listDayClasses(db, platformId, classDate), listZoomHosts(db, platformId)]);
  const day = presentDay(classDate, rows, hosts, settings.timezone);
  return renderDayPlanPdf({
    classDate,
    classes: day.online,
    t: translator(locale),
    locale,
    zone: settings.timezone,
    now,
  });
}
