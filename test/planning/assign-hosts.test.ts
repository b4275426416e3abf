import { expect } from "chai";
import { assignHosts, largestOverlap, type ClassToPlace, type PoolHost } from "../../src/planning/assign-hosts.js";

/** mulberry32: a small seeded generator, so a failing schedule can be replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (h: number) => new Date(Date.UTC(2026, 9, 15, 0, Math.round(h * 60)));
const cls = (id: number, from: number, to: number, current?: ClassToPlace["current"]): ClassToPlace => ({
  id,
  startsAt: at(from),
  endsAt: at(to),
  current,
});
const pool = (...concurrency: number[]): PoolHost[] =>
  concurrency.map((c, i) => ({ id: i + 1, concurrency: c, isActive: true }));

function randomDay(rand: () => number, n: number): ClassToPlace[] {
  return Array.from({ length: n }, (_, i) => {
    const start = 7 + Math.floor(rand() * 40) / 4; // 7:00..16:45 in quarter hours
    return cls(i + 1, start, start + 0.5 + Math.floor(rand() * 12) / 4);
  });
}

/** The most meetings any host holds at one instant, checked at every start. */
function worstLoad(classes: ClassToPlace[], placements: Map<number, { hostId: number }>, hosts: PoolHost[]): number {
  let worst = 0;
  for (const h of hosts) {
    const mine = classes.filter((c) => placements.get(c.id)?.hostId === h.id);
    for (const c of mine) {
      const load = mine.filter((o) => o.startsAt <= c.startsAt && c.startsAt < o.endsAt).length;
      worst = Math.max(worst, load - h.concurrency);
    }
  }
  return worst;
}

describe("Zoom host assignment (pure)", () => {
  it("never puts two overlapping classes on a single-meeting host", () => {
    const a = assignHosts([cls(1, 9, 12), cls(2, 10, 11), cls(3, 12, 15)], pool(1, 1));
    expect(a.placements.get(1)?.hostId).to.not.equal(a.placements.get(2)?.hostId);
    expect(a.placements.get(3)?.hostId).to.equal(1); // 12:00 end and 12:00 start do not overlap
    expect(a.unplaced).to.deep.equal([]);
  });

  it("puts two overlapping classes on one Business host (concurrency 2), in two lanes", () => {
    const a = assignHosts([cls(1, 9, 12), cls(2, 9, 12)], pool(1, 2));
    expect([a.placements.get(1), a.placements.get(2)]).to.deep.equal([
      { hostId: 2, lane: 1 },
      { hostId: 2, lane: 2 },
    ]);
  });

  it("lists the classes that cannot be placed when the pool is too small", () => {
    const a = assignHosts([cls(1, 9, 12), cls(2, 9, 12), cls(3, 9, 12), cls(4, 13, 15)], pool(1, 1));
    expect(a.unplaced).to.deep.equal([3]);
    expect(a.placements.has(3)).to.equal(false);
    expect(a.placements.get(4)?.hostId).to.equal(1);
  });

  it("ignores inactive hosts", () => {
    const a = assignHosts(
      [cls(1, 9, 12)],
      [
        { id: 1, concurrency: 1, isActive: false },
        { id: 2, concurrency: 1, isActive: true },
      ],
    );
    expect(a.placements.get(1)).to.deep.equal({ hostId: 2, lane: 1 });
  });

  it("keeps existing placements when re-planning, and moves only what no longer fits", () => {
    const a = assignHosts(
      [
        cls(1, 9, 12, { hostId: 3, lane: 1 }),
        cls(2, 9, 12, { hostId: 3, lane: 1 }),
        cls(3, 13, 15, { hostId: 2, lane: 1 }),
      ],
      pool(1, 1, 1),
    );
    expect(a.kept).to.deep.equal([1, 3]);
    expect(a.placements.get(1)).to.deep.equal({ hostId: 3, lane: 1 });
    expect(a.placements.get(3)).to.deep.equal({ hostId: 2, lane: 1 });
    expect(a.placements.get(2)?.hostId).to.be.oneOf([1, 2]);
  });

  it("drops a previous placement on a host that left the pool", () => {
    const a = assignHosts([cls(1, 9, 12, { hostId: 9, lane: 1 })], pool(1));
    expect(a.kept).to.deep.equal([]);
    expect(a.placements.get(1)).to.deep.equal({ hostId: 1, lane: 1 });
  });

  it("on 200 random days: never over capacity, and with concurrency 1 exactly as many hosts as the largest overlap", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = seeded(seed);
      const classes = randomDay(rand, 5 + Math.floor(rand() * 40));
      const singles = pool(...Array.from({ length: 40 }, () => 1));
      const a = assignHosts(classes, singles);
      expect(a.unplaced, `seed ${seed}`).to.deep.equal([]);
      expect(worstLoad(classes, a.placements, singles), `seed ${seed}`).to.equal(0);
      expect(new Set([...a.placements.values()].map((p) => p.hostId)).size, `seed ${seed}`).to.equal(
        largestOverlap(classes),
      );

      const mixed = pool(...Array.from({ length: 1 + Math.floor(rand() * 8) }, () => (rand() < 0.5 ? 1 : 2)));
      const m = assignHosts(classes, mixed);
      expect(worstLoad(classes, m.placements, mixed), `seed ${seed} mixed`).to.equal(0);
      expect(m.placements.size + m.unplaced.length, `seed ${seed} mixed`).to.equal(classes.length);
    }
  });

  it("on random re-plans keeps every still-valid placement and stays within capacity", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rand = seeded(1000 + seed);
      const hosts = pool(2, 1, 2, 1, 1);
      const first = assignHosts(randomDay(rand, 15), hosts);
      const moved = randomDay(rand, 15).map((c) => ({ ...c, current: first.placements.get(c.id) ?? null }));
      const again = assignHosts(moved, hosts);
      expect(worstLoad(moved, again.placements, hosts), `seed ${seed}`).to.equal(0);
      for (const id of again.kept)
        expect(again.placements.get(id)).to.deep.equal(moved.find((c) => c.id === id)?.current);
    }
  });

  it("measures the largest overlap with half-open intervals", () => {
    expect(largestOverlap([cls(1, 9, 12), cls(2, 12, 15)])).to.equal(1);
    expect(largestOverlap([cls(1, 9, 12), cls(2, 11, 15), cls(3, 11.5, 12)])).to.equal(3);
  });
});
