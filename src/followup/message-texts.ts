import { z } from "zod";

/**
 * The lecturer's own texts of the student's warning, per rule and language (plain text with `{{placeholders}}`),
 * kept in `followup_rules.config.texts` (jsonb: no migration). A rule or language without a saved text uses the
 * default below, so rows saved before texts existed still parse and send today's wording.
 * Not wired yet: the Follow-up page's editor and the outbox's use of it are still to do (docs/followup.md).
 */
export const RULES = ["below", "consecutive", "unexcused"] as const;
export const LANGS = ["lv", "en"] as const;
export type TextRule = (typeof RULES)[number];
export type TextLang = (typeof LANGS)[number];

/** The placeholders a text may use; anything else in `{{...}}` is refused. */
export const PLACEHOLDERS = ["student", "course", "activity", "dates", "percent", "threshold", "count", "counted"];

const textSchema = z.object({ subject: z.string().max(200), body: z.string().max(4000) });
export type MessageText = z.infer<typeof textSchema>;

/** What the config may hold (every part optional: an old row without texts is valid). */
export const messageTextsSchema = z
  .object(Object.fromEntries(RULES.map((r) => [r, z.object({ lv: textSchema, en: textSchema }).partial()])))
  .partial()
  .default({});
export type MessageTexts = Partial<Record<TextRule, Partial<Record<TextLang, MessageText>>>>;

const lines = (...l: string[]) => l.join("\n");

/** Today's wording as editable text: what the editor is prefilled with and "Reset to default" puts back. */
export const DEFAULT_TEXTS: Record<TextRule, Record<TextLang, MessageText>> = {
  below: {
    lv: {
      subject: "Apmeklējums zem {{threshold}} %: {{course}}",
      body: lines(
        "Jūsu apmeklējums ir {{percent}} %, zem nepieciešamajiem {{threshold}} %.",
        "Kurss: {{course}} ({{activity}})",
        "Nodarbības: {{dates}}",
        "Lūdzu, apmeklējiet nākamās nodarbības. Ja kāda atzīme ir kļūdaina, sazinieties ar pasniedzēju.",
      ),
    },
    en: {
      subject: "Attendance below {{threshold}} %: {{course}}",
      body: lines(
        "Your attendance is {{percent}} %, below the required {{threshold}} %.",
        "Course: {{course}} ({{activity}})",
        "Sessions: {{dates}}",
        "Please attend the coming sessions. If a mark is wrong, contact your lecturer.",
      ),
    },
  },
  consecutive: {
    lv: {
      subject: "Kavējumi pēc kārtas: {{course}}",
      body: lines(
        "Pēc kārtas kavētās nodarbības: {{count}}.",
        "Kurss: {{course}} ({{activity}})",
        "Nodarbības: {{dates}}",
        "Lūdzu, sazinieties ar pasniedzēju vai mentoru, lai vienotos, kā panākt nokavēto.",
      ),
    },
    en: {
      subject: "Absences in a row: {{course}}",
      body: lines(
        "Sessions missed in a row: {{count}}.",
        "Course: {{course}} ({{activity}})",
        "Sessions: {{dates}}",
        "Please contact your lecturer or mentor to agree how to catch up.",
      ),
    },
  },
  unexcused: {
    lv: {
      subject: "Neattaisnots kavējums: {{course}}",
      body: lines(
        "Nodarbībā ir atzīmēta neattaisnota prombūtne.",
        "Kurss: {{course}} ({{activity}})",
        "Nodarbība: {{dates}}",
        "Ja jums bija attaisnojošs iemesls, paziņojiet to pasniedzējam (ar apliecinošu dokumentu, ja tāds ir).",
      ),
    },
    en: {
      subject: "Unexcused absence: {{course}}",
      body: lines(
        "You are marked absent without an excuse.",
        "Course: {{course}} ({{activity}})",
        "Session: {{dates}}",
        "If you had a reason, tell your lecturer (with a supporting document if you have one).",
      ),
    },
  },
};

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The text to send for a rule and language (pure): the saved one, else the default. */
export function textFor(texts: MessageTexts | undefined, rule: TextRule, lang: TextLang): MessageText {
  return texts?.[rule]?.[lang] ?? DEFAULT_TEXTS[rule][lang];
}

/** Why a text cannot be saved (pure): "empty", or the unknown placeholders it uses; null when it may be saved. */
export function checkText(text: string): { problem: "empty" } | { problem: "unknown"; names: string[] } | null {
  if (text.trim() === "") return { problem: "empty" };
  const names = [...text.matchAll(TOKEN)].map((m) => m[1]!).filter((n) => !PLACEHOLDERS.includes(n));
  return names.length > 0 ? { problem: "unknown", names: [...new Set(names)] } : null;
}

/** A text with its placeholders filled in (pure, plain text: the HTML part escapes it when it is written). */
export function fillText(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(TOKEN, (whole, name: string) => values[name] ?? whole);
}
