import { CookieAccessInfo } from "cookiejar";
import type { BrowserContext } from "playwright-core";
import type { Agent } from "supertest";

/** The cookies a supertest agent holds after a launch. */
export function agentCookies(agent: Agent): { name: string; value: string }[] {
  const jar = (agent as unknown as { jar: { getCookies(a: CookieAccessInfo): { name: string; value: string }[] } }).jar;
  return jar.getCookies(CookieAccessInfo.All).map((c) => ({ name: c.name, value: c.value }));
}

/** Hands a launched agent's cookies to the browser, as Moodle's redirect would have left them (replacing any). */
export async function useLaunchCookies(context: BrowserContext, agent: Agent, baseUrl: string): Promise<void> {
  await context.clearCookies();
  await context.addCookies(agentCookies(agent).map((c) => ({ ...c, url: baseUrl })));
}
