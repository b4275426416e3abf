import type { T } from "../i18n/i18n.js";
import type { ConnectionReport } from "./check-connection.js";
import type { ConnectionRow } from "./queries.js";
import { REQUIRED_FUNCTIONS } from "./required-functions.js";

/** One paragraph of a check report: a sentence, an optional how-to-fix, an optional list (function names …). */
export interface ReportLine {
  tone: "success" | "danger" | "warning" | "info";
  text: string;
  hint?: string;
  items?: string[];
}

/** The stored connection as the admin may see it: never the token, only its last characters. */
export function presentConnection(row: ConnectionRow | null) {
  if (!row) return { isConnected: false, baseUrl: "", tokenMasked: "", updatedAt: null, lastCheckedAt: null };
  return {
    isConnected: true,
    baseUrl: row.baseUrl,
    tokenMasked: `••••${row.tokenHint}`,
    updatedAt: row.updatedAt.toISOString(),
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
  };
}

function siteLines(r: ConnectionReport, t: T): ReportLine[] {
  if (!r.site) return [];
  const lines: ReportLine[] = [{ tone: "info", text: t("bridge.check.site", { ...r.site }) }];
  lines.push({ tone: "info", text: t(r.site.isSiteAdmin ? "bridge.check.site_admin" : "bridge.check.not_site_admin") });
  return lines;
}

function problemLines(r: ConnectionReport, t: T): ReportLine[] {
  const lines: ReportLine[] = [];
  if (r.missingFunctions.length > 0) {
    lines.push({
      tone: "danger",
      text: t("bridge.missing.title", {
        count: r.missingFunctions.length,
        names: r.missingFunctions.map((m) => m.name).join(", "),
      }),
      hint: t("bridge.missing.hint"),
      items: r.missingFunctions.map((m) => `${m.name} (${t(`bridge.area.${m.area}`)})`),
    });
  }
  for (const s of r.settingsProblems)
    lines.push({ tone: "danger", text: t(`bridge.settings.${s}`), hint: t(`bridge.settings.${s}_hint`) });
  for (const c of r.capabilityProblems) {
    const key = c.permission ? "bridge.capability.named" : "bridge.capability.unnamed";
    lines.push({
      tone: "danger",
      text: t(key, { fn: c.function, permission: c.permission }),
      hint: t("bridge.capability.hint"),
      items: c.capabilities,
    });
  }
  for (const p of r.probeProblems)
    lines.push({
      tone: "warning",
      text: t("bridge.probe.failed", { fn: p.function, course: r.probedCourseId, detail: p.detail }),
    });
  if (r.probedCourseId === null) lines.push({ tone: "info", text: t("bridge.probe.no_course") });
  return lines;
}

/** A check report as sentences in the reader's language, most important first; shared by the admin page and the CLI. */
export function presentReport(r: ConnectionReport, t: T): { ok: boolean; headline: ReportLine; lines: ReportLine[] } {
  if (r.failure) {
    const { code, detail } = r.failure;
    const headline = {
      tone: "danger" as const,
      text: t(`bridge.failure.${code}`, { url: r.baseUrl, detail }),
      hint: t(`bridge.failure.${code}_hint`),
    };
    return { ok: false, headline, lines: [] };
  }
  const headline: ReportLine = r.ok
    ? { tone: "success", text: t("bridge.check.ok", { count: REQUIRED_FUNCTIONS.length }) }
    : { tone: "danger", text: t("bridge.check.problems") };
  return { ok: r.ok, headline, lines: [...siteLines(r, t), ...problemLines(r, t)] };
}

/** The report as plain text lines for the command line. */
export function reportAsText(r: ConnectionReport, t: T): string {
  const { headline, lines } = presentReport(r, t);
  const mark = { success: "OK ", danger: "ERR", warning: "!  ", info: "   " } as const;
  return [headline, ...lines]
    .flatMap((l) => [
      `${mark[l.tone]} ${l.text}`,
      ...(l.items ?? []).map((i) => `      - ${i}`),
      ...(l.hint ? [`      ${l.hint}`] : []),
    ])
    .join("\n");
}
