/** A Zoom host user of the pool: how many meetings it may run at once (1 Pro, 2 Business/Education). */
export interface PoolHost {
  id: number;
  concurrency: number;
  isActive: boolean;
}

/** A class to be given a host: its instants, and the host and lane it holds now, if any. */
export interface ClassToPlace {
  id: number;
  startsAt: Date;
  endsAt: Date;
  /** The host (and lane, when it holds one) the class had; a host without a lane is where its meeting lives. */
  current?: { hostId: number; lane?: number | null } | null;
}

/** A host and one of its concurrent "lanes" (1..concurrency): a lane holds meetings that never overlap. */
export interface Placement {
  hostId: number;
  lane: number;
}

export interface Assignment {
  placements: Map<number, Placement>;
  /** Classes that could not be placed (the pool is too small at their time), in time order. */
  unplaced: number[];
  /** Classes that kept their previous host and lane. */
  kept: number[];
}

interface Lane extends Placement {
  concurrency: number;
  poolIndex: number;
  busy: Array<[number, number]>;
}

const byTime = (a: ClassToPlace, b: ClassToPlace) =>
  a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime() || a.id - b.id;

function isFree(lane: Lane, from: number, to: number): boolean {
  return lane.busy.every(([s, e]) => to <= s || e <= from); // half-open: 12:00 end and 12:00 start do not overlap
}

function lanesOf(hosts: readonly PoolHost[]): Lane[] {
  return hosts
    .filter((h) => h.isActive && h.concurrency > 0)
    .flatMap((h, poolIndex) =>
      Array.from({ length: h.concurrency }, (_, i) => ({
        hostId: h.id,
        lane: i + 1,
        concurrency: h.concurrency,
        poolIndex,
        busy: [],
      })),
    );
}

/**
 * Gives each class a host and lane so that no host ever holds more meetings than its concurrency.
 * Existing placements are kept where they are still valid; the rest are placed in time order on the first free lane,
 * hosts already in use first, then the largest hosts: with concurrency 1 this uses exactly as many hosts as the
 * largest overlap (greedy interval colouring in start order is optimal). What does not fit is listed, never forced.
 */
export function assignHosts(classes: readonly ClassToPlace[], hosts: readonly PoolHost[]): Assignment {
  const lanes = lanesOf(hosts);
  const placements = new Map<number, Placement>();
  const kept: number[] = [];
  const unplaced: number[] = [];
  const used = new Set<number>();
  const sorted = [...classes].sort(byTime);
  const place = (c: ClassToPlace, lane: Lane) => {
    lane.busy.push([c.startsAt.getTime(), c.endsAt.getTime()]);
    placements.set(c.id, { hostId: lane.hostId, lane: lane.lane });
    used.add(lane.hostId);
  };
  for (const c of sorted) {
    const cur = c.current;
    const lane =
      cur &&
      lanes.find(
        (l) =>
          l.hostId === cur.hostId &&
          (cur.lane == null || l.lane === cur.lane) &&
          isFree(l, c.startsAt.getTime(), c.endsAt.getTime()),
      );
    if (lane) {
      place(c, lane);
      kept.push(c.id);
    }
  }
  for (const c of sorted) {
    if (placements.has(c.id)) continue;
    const from = c.startsAt.getTime();
    const to = c.endsAt.getTime();
    const free = lanes.filter((l) => isFree(l, from, to));
    if (free.length === 0) {
      unplaced.push(c.id);
      continue;
    }
    free.sort(
      (a, b) =>
        Number(used.has(b.hostId)) - Number(used.has(a.hostId)) ||
        b.concurrency - a.concurrency ||
        a.poolIndex - b.poolIndex ||
        a.lane - b.lane,
    );
    place(c, free[0]!);
  }
  return { placements, unplaced, kept };
}

/** The largest number of classes running at one instant (what a pool of single-meeting hosts must cover). */
export function largestOverlap(classes: readonly { startsAt: Date; endsAt: Date }[]): number {
  const events = classes.flatMap((c) => [
    [c.startsAt.getTime(), 1],
    [c.endsAt.getTime(), -1],
  ]) as Array<[number, number]>;
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // ends before starts at the same instant
  let now = 0;
  let max = 0;
  for (const [, delta] of events) max = Math.max(max, (now += delta));
  return max;
}
