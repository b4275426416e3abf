import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

/**
 * A basic accessibility check of the page as rendered: html lang set, a title, exactly one h1, every form control
 * with a label, every button with a name, images with alt, ids unique. Returns the problems found (empty is good).
 * Not a full audit: it catches the mistakes a template edit most often brings back.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Inline arrows only: tsx would wrap named inner functions in a helper that does not exist in the page.
  return page.evaluate(() => {
    const problems: string[] = [];
    const lang = document.documentElement.getAttribute("lang") ?? "";
    if (!/^[a-z]{2}(-[A-Za-z]{2})?$/.test(lang)) problems.push(`html lang is "${lang}"`);
    if (!document.title.trim()) problems.push("the page has no title");
    const h1s = document.querySelectorAll("h1").length;
    if (h1s !== 1) problems.push(`${h1s} h1 elements (want exactly one)`);
    const controls = [...document.querySelectorAll<HTMLElement>("input, select, textarea")].filter(
      (el) => !["hidden", "submit", "button", "reset", "image"].includes((el as HTMLInputElement).type),
    );
    for (const el of controls) {
      const byFor = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent?.trim() : "";
      const named =
        byFor ||
        el.closest("label")?.textContent?.trim() ||
        el.getAttribute("aria-label")?.trim() ||
        el.getAttribute("aria-labelledby");
      if (!named) problems.push(`${el.tagName.toLowerCase()}[name=${el.getAttribute("name") ?? "?"}] has no label`);
    }
    for (const el of document.querySelectorAll<HTMLElement>(
      "button, input[type=submit], input[type=button], a[href]",
    )) {
      const name =
        (el.textContent ?? "").trim() ||
        el.getAttribute("aria-label") ||
        (el as HTMLInputElement).value ||
        el.getAttribute("title");
      if (!name) problems.push(`${el.tagName.toLowerCase()} "${el.outerHTML.slice(0, 80)}" has no accessible name`);
    }
    for (const img of document.querySelectorAll("img:not([alt])"))
      problems.push(`img ${img.getAttribute("src") ?? ""} has no alt`);
    const ids = [...document.querySelectorAll("[id]")].map((el) => el.id);
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`id "${id}" is used twice`);
    return problems;
  });
}

/**
 * Presses Tab from the top of the page until focus wraps or runs out, and returns the names of the visible buttons,
 * selects and links that focus never reached, plus what got focus first (the skip link, on a good page).
 */
export async function tabReachability(page: Page): Promise<{ first: string; unreached: string[] }> {
  const targets = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, select, input:not([type=hidden]), textarea, a[href]")]
      .filter((el) => el.getClientRects().length > 0 && !(el as HTMLButtonElement).disabled)
      .map((el, i) => {
        el.dataset.tabProbe = String(i);
        return `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40) || el.getAttribute("name") || ""}"`;
      }),
  );
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Set<number>();
  let first = "";
  for (let press = 0; press < targets.length + 5; press++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        probe: el?.dataset.tabProbe ?? null,
        text: `${el?.tagName.toLowerCase()} "${(el?.textContent ?? "").trim().slice(0, 40)}"`,
      };
    });
    if (press === 0) first = focused.text;
    if (focused.probe !== null) reached.add(Number(focused.probe));
  }
  return { first, unreached: targets.filter((_, i) => !reached.has(i)) };
}

/** One axe-core finding, short enough to read in a failed assertion. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page as rendered and returns the serious and critical
 * violations (empty is good): colour contrast, names of controls, landmarks and the rest that axe checks.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  // evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not block it
  axeSource ??= readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    }
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? "",
        help: v.help,
        nodes: v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(" ")}: ${(n.failureSummary ?? "").split("\n").slice(1, 2).join("")}`),
      }));
  });
}
