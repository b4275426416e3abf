import { expect } from "chai";
import { admitRegistration, fetchableUrl } from "../../src/registration/rules/registration-rules.js";

describe("who may register by Dynamic Registration, and what is fetched", () => {
  const url = new URL("https://moodle.example.lv/mod/lti/openid-configuration.php");
  const open = { allowedHosts: [], autoActivate: false, production: true };

  it("activates with a valid link, refuses a bad one, and keeps the rest pending when nothing is configured", () => {
    expect(admitRegistration(open, { link: "valid", url })).to.deep.equal({ kind: "active", by: "link" });
    expect(admitRegistration(open, { link: "invalid", url }).kind).to.equal("refused");
    expect(admitRegistration(open, { link: "none", url })).to.deep.equal({ kind: "pending" });
    expect(admitRegistration({ ...open, autoActivate: true }, { link: "none", url }).kind).to.equal("active");
  });

  it("with an allow-list, activates listed hosts (any port, or the one named) and refuses the others", () => {
    const listed = { ...open, allowedHosts: ["moodle.example.lv", "lms.example.lv:8443"] };
    expect(admitRegistration(listed, { link: "none", url }).kind).to.equal("active");
    const port = new URL("https://lms.example.lv:8443/x");
    expect(admitRegistration(listed, { link: "none", url: port }).kind).to.equal("active");
    const other = new URL("https://lms.example.lv/x");
    expect(admitRegistration(listed, { link: "none", url: other })).to.deep.equal({
      kind: "refused",
      reason: "host_not_allowed",
    });
  });

  it("fetches https only, plain http to loopback outside production, never with credentials", () => {
    expect(fetchableUrl("https://moodle.example.lv/x", true)).to.not.equal(null);
    expect(fetchableUrl("http://moodle.example.lv/x", false)).to.equal(null);
    expect(fetchableUrl("http://127.0.0.1:8081/x", false)).to.not.equal(null);
    expect(fetchableUrl("http://127.0.0.1:8081/x", true)).to.equal(null);
    expect(fetchableUrl("https://u:p@moodle.example.lv/x", true)).to.equal(null);
    expect(fetchableUrl("file:///etc/passwd", false)).to.equal(null);
  });
});
