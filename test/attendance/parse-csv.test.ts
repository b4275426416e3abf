import { expect } from "chai";
import { CsvError, parseCsv } from "../../src/attendance/parse-csv.js";

describe("CSV reading (pure)", () => {
  it("reads commas, quotes, doubled quotes and line breaks inside quotes, with line numbers", () => {
    const t = parseCsv('date,description\r\n2025-10-01,"Ievads, 1. daļa"\r\n2025-10-08,"teica ""jā""\nun aizgāja"\r\n2025-10-15,x\r\n');
    expect(t.separator).to.equal(",");
    expect(t.rows.map((r) => r.line)).to.deep.equal([1, 2, 3, 5]);
    expect(t.rows[1]!.fields).to.deep.equal(["2025-10-01", "Ievads, 1. daļa"]);
    expect(t.rows[2]!.fields).to.deep.equal(["2025-10-08", 'teica "jā"\nun aizgāja']);
  });

  it("detects Latvian Excel's semicolons, drops the BOM and skips blank lines", () => {
    const t = parseCsv("\uFEFFdatums;sākums\n\n01.10.2025;9:00\n");
    expect(t.separator).to.equal(";");
    expect(t.rows.map((r) => r.fields)).to.deep.equal([["datums", "sākums"], ["01.10.2025", "9:00"]]);
    expect(t.rows[1]!.line).to.equal(3);
  });

  it("keeps empty fields and a last line without a line break", () => {
    expect(parseCsv("a,,c\n,,").rows.map((r) => r.fields)).to.deep.equal([["a", "", "c"], ["", "", ""]]);
  });

  it("reports an unclosed quote with the line its row starts on", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).to.throw(CsvError).with.property("line", 2);
  });
});
