import { expect } from "chai";
import { csvField, csvLine } from "../../src/attendance/export/csv-dialect.js";

describe("CSV writing (pure)", () => {
  const comma = { separator: "," } as const;
  const semi = { separator: ";" } as const;
  it("quotes separators, quotes and line breaks, and keeps Latvian letters", () => {
    expect(csvLine(["Bērziņš, Jānis", 'teica "jā"', "a\nb", "Ūdris"], comma)).to.equal(
      '"Bērziņš, Jānis","teica ""jā""","a\nb",Ūdris\r\n',
    );
    expect(csvLine(["a;b", "c,d"], semi)).to.equal('"a;b";"c,d"\r\n');
  });
  it("writes decimal commas in the semicolon dialect", () => {
    expect(csvLine([37.5, 2], semi)).to.equal("37,5;2\r\n");
    expect(csvLine([37.5, null], comma)).to.equal("37.5,\r\n");
  });
  it("defuses text that a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(1)", comma)).to.equal("'=HYPERLINK(1)");
    expect(csvField("-1", comma)).to.equal("'-1");
  });
});
