/** The fields a schedule row carries. */
export type ScheduleField =
  "date" | "slot" | "start" | "end" | "course" | "title" | "lecturer" | "email" | "groups" | "mode" | "room";

/** Header names offices use (lower case), Latvian and English; the first of each is the template's. */
export const COLUMN_ALIASES: Readonly<Record<ScheduleField, { lv: string[]; en: string[] }>> = {
  date: { lv: ["datums"], en: ["date", "day"] },
  slot: { lv: ["slots", "pāris", "nodarbība"], en: ["slot", "period"] },
  start: { lv: ["sākums", "sakums", "no"], en: ["start", "start time", "from"] },
  end: { lv: ["beigas", "līdz", "lidz"], en: ["end", "end time", "to"] },
  course: {
    lv: ["kurss", "kursa īsais nosaukums", "moodle kurss", "kursa id"],
    en: ["course", "course shortname", "course id", "shortname"],
  },
  title: { lv: ["kursa nosaukums", "nosaukums", "studiju kurss"], en: ["course title", "title"] },
  lecturer: { lv: ["pasniedzējs", "docētājs", "pasniedzejs"], en: ["lecturer", "teacher"] },
  email: { lv: ["e-pasts", "pasniedzēja e-pasts", "epasts"], en: ["email", "e-mail", "lecturer email"] },
  groups: { lv: ["grupas", "grupa"], en: ["groups", "group"] },
  mode: { lv: ["forma", "norise"], en: ["mode", "online or on site", "format"] },
  room: { lv: ["telpa", "auditorija"], en: ["room"] },
};

export const REQUIRED_FIELDS: readonly ScheduleField[] = ["date", "course", "lecturer", "email"];

const FIELDS = Object.keys(COLUMN_ALIASES) as ScheduleField[];

/** Which column holds which field, from a header row; unknown headers are ignored. */
export function mapColumns(header: readonly string[]): Partial<Record<ScheduleField, number>> {
  const out: Partial<Record<ScheduleField, number>> = {};
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase().replace(/\s+/g, " ");
    const field = FIELDS.find((f) => COLUMN_ALIASES[f].lv.includes(name) || COLUMN_ALIASES[f].en.includes(name));
    if (field && out[field] === undefined) out[field] = index;
  });
  return out;
}

/** A field's column title in a language, as the template writes it ("Datums", "Pasniedzējs"). */
export function columnTitle(field: ScheduleField, locale: "lv" | "en"): string {
  const name = COLUMN_ALIASES[field][locale][0]!;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The template's header row in a language. */
export function templateHeader(locale: "lv" | "en"): string[] {
  return FIELDS.map((f) => columnTitle(f, locale));
}

/** The template's header and two sample rows (an online class by slot, an on-site one by times), as text. */
export function templateRows(locale: "lv" | "en"): string[][] {
  const online = locale === "lv" ? "tiešsaistē" : "online";
  const onsite = locale === "lv" ? "klātienē" : "on site";
  return [
    templateHeader(locale),
    [
      "2026-10-17",
      "1",
      "",
      "",
      "BK101",
      "Biznesa komunikācija",
      "Ilze Ozoliņa",
      "ilze.ozolina@example.lv",
      "BK-1, BK-2",
      online,
      "",
    ],
    [
      "2026-10-17",
      "",
      "12:45",
      "15:45",
      "EK201",
      "Ekonomika",
      "Jānis Bērziņš",
      "janis.berzins@example.lv",
      "EK-2",
      onsite,
      "210",
    ],
  ];
}

/** A downloadable CSV template (UTF-8 with BOM and `;`, which Latvian Excel opens as columns) with two sample rows. */
export function scheduleTemplateCsv(locale: "lv" | "en"): string {
  return (
    "\uFEFF" +
    templateRows(locale)
      .map((r) => r.join(";"))
      .join("\r\n") +
    "\r\n"
  );
}
