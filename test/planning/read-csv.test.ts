import { expect } from "chai";
import { decodeText, detectSeparator, parseCsv, readCsv } from "../../src/planning/import/read-csv.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("reading CSV files as Latvian offices produce them", () => {
  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Datums;Kurss\n2026-10-15;Ēkonomika")]);
    expect(readCsv(bytes).map((r) => r.cells)).to.deep.equal([["Datums", "Kurss"], ["2026-10-15", "Ēkonomika"]]);
  });

  it("reads windows-1257 (Excel's Baltic encoding) when the bytes are not UTF-8", () => {
    // "Ozoliņa;Krūmiņa" in windows-1257: ņ = 0xF2, ū = 0xFB
    const bytes = new Uint8Array([0x4f, 0x7a, 0x6f, 0x6c, 0x69, 0xf2, 0x61, 0x3b, 0x4b, 0x72, 0xfb, 0x6d, 0x69, 0xf2, 0x61]);
    expect(decodeText(bytes)).to.equal("Ozoliņa;Krūmiņa");
  });

  it("detects ; or , from the first line, ignoring separators inside quotes", () => {
    expect(detectSeparator("a;b;c\n1,2;3")).to.equal(";");
    expect(detectSeparator('"a;b",c,d\n')).to.equal(",");
    expect(detectSeparator("single")).to.equal(",");
  });

  it("handles quotes, doubled quotes, separators and line breaks inside quotes, CRLF and blank lines", () => {
    const rows = parseCsv('a;"b;c";"say ""hi"""\r\n\r\n"multi\nline";x;\r\nlast;1;2', ";");
    expect(rows).to.deep.equal([
      { line: 1, cells: ["a", "b;c", 'say "hi"'] },
      { line: 3, cells: ["multi\nline", "x", ""] },
      { line: 5, cells: ["last", "1", "2"] },
    ]);
  });

  it("keeps an empty last cell and a file without a final newline", () => {
    expect(parseCsv("a,b,\n", ",")).to.deep.equal([{ line: 1, cells: ["a", "b", ""] }]);
    expect(parseCsv("a,b", ",")).to.deep.equal([{ line: 1, cells: ["a", "b"] }]);
  });
});
