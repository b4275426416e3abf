import { join } from "node:path";
import ejs from "ejs";
import { translator } from "../i18n/i18n.js";
import type { Locale } from "../lti/actor.js";
import { VIEWS_DIR } from "../paths.js";
import type { MessageKind } from "./kinds.js";
import { dateFormatter } from "./rules/format-dates.js";

/** A message as its recipient reads it: the subject and both bodies, always with the same content. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export interface RenderInput {
  kind: MessageKind;
  locale: Locale;
  data: Record<string, unknown>;
  timezone: string;
  toolName: string;
  unsubscribeUrl?: string | null;
}

const DIR = join(VIEWS_DIR, "notify");

/**
 * Renders a kind's templates (views/notify/<kind>/text.ejs and html.ejs, the HTML inside the mail layout with
 * inline styles and no scripts) in the recipient's language, dates in the course's zone. The subject comes from
 * the catalog (`notify.kinds.<kind>.subject`) with the message's data.
 */
export async function renderMessage(input: RenderInput): Promise<RenderedMessage> {
  const t = translator(input.locale);
  const locals = {
    t,
    fmt: dateFormatter(input.timezone, input.locale),
    data: input.data,
    locale: input.locale,
    toolName: input.toolName,
    unsubscribeUrl: input.unsubscribeUrl ?? null,
  };
  const subject = t(`notify.kinds.${input.kind}.subject`, { ...input.data, toolName: input.toolName }).replace(
    /[\r\n]+/g,
    " ",
  );
  const opts = { cache: true };
  const body = await ejs.renderFile(join(DIR, input.kind, "html.ejs"), locals, opts);
  const html = await ejs.renderFile(join(DIR, "layout.html.ejs"), { ...locals, subject, body }, opts);
  const main = (await ejs.renderFile(join(DIR, input.kind, "text.ejs"), locals, opts)).replace(/\n{3,}/g, "\n\n");
  const footer = [t("notify.mail.footer", { toolName: input.toolName })];
  if (input.unsubscribeUrl) footer.push(t("notify.mail.text_unsubscribe", { url: input.unsubscribeUrl }));
  return { subject, text: `${main.trim()}\n\n-- \n${footer.join("\n")}\n`, html };
}
