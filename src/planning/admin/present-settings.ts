import type { SettingsPage } from "./queries.js";

/** The settings page: the settings form's saved values as the form writes them ("1 09:00–12:00" a line), the lists. */
export function presentSettingsPage(page: SettingsPage) {
  const { settings } = page;
  return {
    settingsValues: {
      slots: settings.slots.map((s) => `${s.no} ${s.start}–${s.end}`).join("\n"),
      timezone: settings.timezone,
      staffContextId: settings.staffContextId ?? "",
      infoCourseRef: settings.infoCourseRef ?? "",
    },
    hosts: page.hosts,
    people: page.people,
    courses: page.courses,
  };
}
