import { MoodleClient, type MoodleClientOptions } from "../../src/index.js";
import type { FakeMoodle } from "./fake-moodle.js";

/** A client for the fake: no proxy, no waiting between retries, delays recorded in `delays`. */
export function clientFor(
  fake: FakeMoodle,
  options: Partial<MoodleClientOptions> = {},
): MoodleClient & { delays: number[] } {
  const delays: number[] = [];
  const client = new MoodleClient({
    baseUrl: fake.baseUrl,
    token: fake.token,
    timeoutMs: 2_000,
    retries: 2,
    proxy: false,
    backoff: (attempt) => attempt * 10,
    sleep: async (ms) => void delays.push(ms),
    ...options,
  });
  return Object.assign(client, { delays });
}
