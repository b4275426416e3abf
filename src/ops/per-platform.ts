/** What one platform's lane ended with: null when every item was handled, else the error that stopped it. */
export type LaneOutcome = { platformId: string; error: unknown | null };

/**
 * Runs `work` over the items, one platform's items one after another and the platforms side by side, so a Moodle
 * that does not answer holds up only its own courses: its calls end at the platform timeout while every other
 * platform's lane goes on. An error stops only its own lane; the outcomes say which lanes stopped and why.
 */
export async function eachPlatformSideBySide<T>(
  items: readonly T[],
  platformOf: (item: T) => string,
  work: (item: T) => Promise<void>,
): Promise<LaneOutcome[]> {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const key = platformOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(item);
    else lanes.set(key, [item]);
  }
  return Promise.all(
    [...lanes].map(async ([platformId, lane]) => {
      try {
        for (const item of lane) await work(item);
        return { platformId, error: null };
      } catch (error) {
        return { platformId, error };
      }
    }),
  );
}
