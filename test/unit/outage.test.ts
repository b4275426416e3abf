import { expect } from "chai";
import { DrizzleQueryError } from "drizzle-orm";
import { isDatabaseOutage } from "../../src/db/outage.js";

describe("which errors are a database outage (503, try again)", () => {
  const pg = (code: string, message = "x") => Object.assign(new Error(message), { code });

  it("counts refused and cut connections, terminated backends and a closed PGlite, also as a cause", () => {
    const refused = Object.assign(new AggregateError([pg("ECONNREFUSED")], ""), { code: "ECONNREFUSED" });
    expect(isDatabaseOutage(refused)).to.equal(true);
    expect(isDatabaseOutage(new AggregateError([pg("ECONNREFUSED")], ""))).to.equal(true);
    expect(isDatabaseOutage(new Error("Connection terminated unexpectedly"))).to.equal(true);
    expect(isDatabaseOutage(pg("57P01", "terminating connection due to administrator command"))).to.equal(true);
    expect(isDatabaseOutage(pg("08006"))).to.equal(true);
    expect(isDatabaseOutage(new DrizzleQueryError("select 1", [], new Error("PGlite is closed")))).to.equal(true);
  });

  it("does not count a bug or a refused row as an outage", () => {
    expect(isDatabaseOutage(pg("23505", "duplicate key value violates unique constraint"))).to.equal(false);
    expect(isDatabaseOutage(pg("42703", 'column "x" does not exist'))).to.equal(false);
    expect(isDatabaseOutage(new TypeError("Cannot read properties of undefined"))).to.equal(false);
    expect(isDatabaseOutage(null)).to.equal(false);
  });
});
