import { expect } from "chai";
import { parseEnv } from "../../src/env.js";

describe("configuration (src/env.ts)", () => {
  it("gives working defaults on an empty environment: PGlite, Latvian demo on, port 3000", () => {
    const r = parseEnv({});
    if ("errors" in r) throw new Error(r.errors.join());
    expect(r.env.PORT).to.equal(3000);
    expect(r.env.DATABASE_URL).to.equal(undefined);
    expect(r.env.DEMO_ENABLED).to.equal(true);
    expect(Object.isFrozen(r.env)).to.equal(true);
  });

  it("names every bad variable at once", () => {
    const r = parseEnv({ PORT: "eighty", PUBLIC_URL: "not a url", ENCRYPTION_KEY: "short", LOG_LEVEL: "loud" });
    expect(r).to.have.property("errors");
    const errors = (r as { errors: string[] }).errors.join("\n");
    for (const name of ["PORT", "PUBLIC_URL", "ENCRYPTION_KEY", "LOG_LEVEL"]) expect(errors).to.include(name);
  });

  it("keeps dynamic registration closed by default and reads the allow-list of Moodle hosts", () => {
    const r = parseEnv({ DYNREG_ALLOWED_HOSTS: " Moodle.Example.lv , 127.0.0.1:8081," });
    if ("errors" in r) throw new Error(r.errors.join());
    expect(r.env.DYNREG_AUTO_ACTIVATE).to.equal(false);
    expect(r.env.DYNREG_ALLOWED_HOSTS).to.deep.equal(["moodle.example.lv", "127.0.0.1:8081"]);
    const bad = parseEnv({ DYNREG_ALLOWED_HOSTS: "https://moodle.example.lv/" });
    expect("errors" in bad && bad.errors.join()).to.include("DYNREG_ALLOWED_HOSTS");
  });

  it("turns the demo off in production unless enabled on purpose", () => {
    const prod = parseEnv({ NODE_ENV: "production" });
    const forced = parseEnv({ NODE_ENV: "production", DEMO_ENABLED: "true" });
    expect("env" in prod && prod.env.DEMO_ENABLED).to.equal(false);
    expect("env" in forced && forced.env.DEMO_ENABLED).to.equal(true);
  });

  it("knows an https PUBLIC_URL (cookies become Secure; SameSite=None) and drops a trailing slash", () => {
    const r = parseEnv({ PUBLIC_URL: "https://rollbook.example.lv/" });
    if ("errors" in r) throw new Error(r.errors.join());
    expect(r.env.isHttps).to.equal(true);
    expect(r.env.PUBLIC_URL).to.equal("https://rollbook.example.lv");
  });
});
