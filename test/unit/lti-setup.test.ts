import { expect } from "chai";
import { createLti, type LtiHandlers } from "../../src/lti/provider.js";
import { createTestDatabase } from "../support/test-database.js";

const noop: LtiHandlers = {
  onLaunch: async () => 0,
  onDeepLinking: async () => 0,
  onFailure: async () => 0,
};

describe("ltijs setup", () => {
  it("fails loudly (throws, never exits with 0) when ltijs refuses its setup", async () => {
    const database = await createTestDatabase();
    try {
      const make = () =>
        createLti({
          db: database.db,
          encryptionKey: "",
          publicUrl: "http://127.0.0.1",
          toolName: "x",
          secureCookies: false,
          tokenMaxAgeSeconds: 60,
          handlers: noop,
        });
      expect(make).to.throw(/ltijs setup failed: MISSING_ENCRYPTION_KEY/);
    } finally {
      await database.destroy();
    }
  });

  it("builds independent ltijs providers, so two apps can live in one process", async () => {
    const database = await createTestDatabase();
    try {
      const opts = {
        db: database.db,
        encryptionKey: "k".repeat(40),
        publicUrl: "http://127.0.0.1",
        toolName: "x",
        secureCookies: false,
        tokenMaxAgeSeconds: 60,
        handlers: noop,
      };
      const a = createLti(opts);
      const b = createLti(opts);
      expect(a.app).to.not.equal(b.app);
    } finally {
      await database.destroy();
    }
  });
});
