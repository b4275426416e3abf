import { expect } from "chai";
import net from "node:net";

describe("test network guard", () => {
  it("refuses a connection to a host other than 127.0.0.1", () => {
    expect(() => net.connect({ host: "192.0.2.1", port: 80 })).to.throw(/only 127\.0\.0\.1/);
  });
});
