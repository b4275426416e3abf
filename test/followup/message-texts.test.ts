import { expect } from "chai";
import {
  checkText,
  DEFAULT_TEXTS,
  fillText,
  LANGS,
  messageTextsSchema,
  RULES,
  textFor,
} from "../../src/followup/message-texts.js";

describe("follow-up message texts: defaults, placeholders, old rows", () => {
  it("every default text uses only known placeholders, in both languages", () => {
    for (const rule of RULES)
      for (const lang of LANGS) {
        expect(checkText(DEFAULT_TEXTS[rule][lang].subject), `${rule} ${lang}`).to.equal(null);
        expect(checkText(DEFAULT_TEXTS[rule][lang].body), `${rule} ${lang}`).to.equal(null);
      }
  });

  it("refuses an empty text and names the unknown placeholders once each", () => {
    expect(checkText("  \n ")).to.deep.equal({ problem: "empty" });
    expect(checkText("Sveiki, {{vārds}} un {{ vārds }}: {{percent}} {{kurss}}")).to.deep.equal({
      problem: "unknown",
      names: ["vārds", "kurss"],
    });
  });

  it("fills the placeholders as plain text and leaves the rest as typed", () => {
    const values = { student: "Šarlote Ūdre <b>", percent: "71,4", course: "Ķīmija" };
    expect(fillText("{{student}}: {{ percent }} % ({{course}}) {x}", values)).to.equal(
      "Šarlote Ūdre <b>: 71,4 % (Ķīmija) {x}",
    );
  });

  it("an old row without texts parses and gives today's wording; a saved text wins for its language only", () => {
    const none = messageTextsSchema.parse(undefined);
    expect(textFor(none, "below", "lv")).to.deep.equal(DEFAULT_TEXTS.below.lv);
    const saved = messageTextsSchema.parse({ below: { en: { subject: "Low: {{course}}", body: "{{percent}} %" } } });
    expect(textFor(saved, "below", "en").subject).to.equal("Low: {{course}}");
    expect(textFor(saved, "below", "lv")).to.deep.equal(DEFAULT_TEXTS.below.lv);
    expect(() => messageTextsSchema.parse({ below: { en: { subject: 1 } } })).to.throw();
  });
});
