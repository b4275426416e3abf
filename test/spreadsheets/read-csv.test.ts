import { expect } from "chai";
import { CsvReadError, readCsv } from "../../src/spreadsheets/read-csv.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const cells = (input: string | Uint8Array) => readCsv(input).map((r) => r.cells);
const lines = (input: string) => readCsv(input).map((r) => r.line);
const failure = (input: string): CsvReadError => {
  try {
    readCsv(input);
  } catch (err) {
    if (err instanceof CsvReadError) return err;
    throw err;
  }
  throw new Error("the CSV was read without an error");
};

describe("reading a CSV file (pure)", () => {
  describe("text and encoding", () => {
    it("drops a UTF-8 byte-order mark, from bytes and from text", () => {
      expect(cells(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Datums;Kurss\n2026-10-15;Ēkonomika")]))).to.deep.equal([
        ["Datums", "Kurss"],
        ["2026-10-15", "Ēkonomika"],
      ]);
      expect(cells("\uFEFFDatums;Kurss\n")).to.deep.equal([["Datums", "Kurss"]]);
      expect(cells('\uFEFF"Datums;laiks",Kurss\n')).to.deep.equal([["Datums;laiks", "Kurss"]]);
    });

    it("reads windows-1257 (Excel's Baltic encoding) when the bytes are not UTF-8", () => {
      // "Ozoliņa;Krūmiņa" in windows-1257: ņ = 0xF2, ū = 0xFB
      const bytes = new Uint8Array([
        0x4f, 0x7a, 0x6f, 0x6c, 0x69, 0xf2, 0x61, 0x3b, 0x4b, 0x72, 0xfb, 0x6d, 0x69, 0xf2, 0x61,
      ]);
      expect(cells(bytes)).to.deep.equal([["Ozoliņa", "Krūmiņa"]]);
    });
  });

  describe("the separator", () => {
    it("is the one the first line holds most of: semicolon, comma or tab", () => {
      expect(cells("a;b;c\n1,5;2;3")).to.deep.equal([
        ["a", "b", "c"],
        ["1,5", "2", "3"],
      ]);
      expect(cells("a,b,c\n1;2,3,4")).to.deep.equal([
        ["a", "b", "c"],
        ["1;2", "3", "4"],
      ]);
      expect(cells("a\tb\tc,d\n1\t\t3")).to.deep.equal([
        ["a", "b", "c,d"],
        ["1", "", "3"],
      ]);
    });

    it("counts only separators outside quotes", () => {
      expect(cells('"a;b;c",d,e\n1,2,3')).to.deep.equal([
        ["a;b;c", "d", "e"],
        ["1", "2", "3"],
      ]);
      expect(cells('x;"1,2,3"\n')).to.deep.equal([["x", "1,2,3"]]);
      expect(cells('Ekrāns 24",Telpa,Grupa;A\n')).to.deep.equal([['Ekrāns 24"', "Telpa", "Grupa;A"]]); // a quote inside a field opens nothing
    });

    it("is a semicolon on a tie (Latvian Excel), and a comma when a comma ties with a tab", () => {
      expect(cells("a;b,c\n1;2,3")).to.deep.equal([
        ["a", "b,c"],
        ["1", "2,3"],
      ]);
      expect(cells("Datums\n1,5;2")).to.deep.equal([["Datums"], ["1,5", "2"]]);
      expect(cells("a\tb,c\n")).to.deep.equal([["a\tb", "c"]]);
    });

    it("is read from the first line that is not blank", () => {
      expect(cells("\n  \na,b;c,d\n")).to.deep.equal([["a", "b;c", "d"]]);
    });
  });

  describe("rows and fields", () => {
    it("reads quoted fields with doubled quotes, separators and line breaks inside, and a last line without a break", () => {
      expect(cells('a;"b;c";"say ""hi"""\r\n"multi\nline";x;\r\nlast;1;2')).to.deep.equal([
        ["a", "b;c", 'say "hi"'],
        ["multi\nline", "x", ""],
        ["last", "1", "2"],
      ]);
    });

    it("keeps rows of different lengths as they are", () => {
      expect(cells("a;b;c\n1\n1;2;3;4\n")).to.deep.equal([["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]);
    });

    it("skips blank lines, whitespace-only lines and rows of only separators, empty quotes or spaces", () => {
      expect(cells('a;b\n\n   \n;;;\n ; \t;\n"";" "\nx;y\n\n')).to.deep.equal([
        ["a", "b"],
        ["x", "y"],
      ]);
    });

    it("drops whitespace around fields, so a quote after leading spaces opens a quoted field (csv-parse trim)", () => {
      expect(cells('a;  "b;c"  ;d\n')).to.deep.equal([["a", "b;c", "d"]]);
      expect(cells('  x  ;" keep  inside "\n')).to.deep.equal([["x", " keep  inside "]]);
    });

    it("keeps a quote inside an unquoted field as text (csv-parse relax_quotes)", () => {
      expect(cells('Ekrāns 24" ;Telpa "A"\n')).to.deep.equal([['Ekrāns 24"', 'Telpa "A"']]);
    });
  });

  describe("line numbers", () => {
    it("gives each row the physical line it starts on, counting blank lines and line breaks inside quotes", () => {
      expect(lines('h;x\n\n1;"two\nlines"\n\n\n2;y\n3;"a\n\nb"\n4;z')).to.deep.equal([1, 3, 7, 8, 11]);
    });

    it("counts CRLF, LF and CR line breaks alike, inside quotes too, and keeps a line break in a cell as \\n", () => {
      const rows = readCsv('h;x\r\n1;"a\r\nb"\r\n\r\n2;y\r3;"c\rd"\n4;z');
      expect(rows.map((r) => r.line)).to.deep.equal([1, 2, 5, 6, 8]);
      expect(rows[1]!.cells[1]).to.equal("a\nb");
    });

    it("counts the skipped separator-only rows too", () => {
      expect(lines("a;b\n;;\n1;2\n")).to.deep.equal([1, 3]);
    });
  });

  describe("a file that cannot be read", () => {
    it("reports an unclosed quote on the line its row starts", () => {
      expect(failure('a;b\n1;"open\n2;3')).to.include({ problem: "unclosed_quote", line: 2 });
      expect(failure('a;b\n\n1;"x\ny"\n\n4;"open\n2;3\n\n')).to.include({ problem: "unclosed_quote", line: 6 });
      expect(failure('"a;b\n1;2')).to.include({ problem: "unclosed_quote", line: 1 });
    });

    it("reports text after a closing quote on the line its row starts", () => {
      expect(failure('a;b\n\n1;"x"y\n')).to.include({ problem: "text_after_quote", line: 3 });
    });

    it("reports a binary file (a PDF, a PNG, an old .xls) as not a CSV, but reads windows-1257 text", () => {
      const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"), Buffer.from([0, 1, 2, 3, 0x1f, 0x8b])]);
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
      const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
      for (const bytes of [pdf, png, xls]) {
        let caught: unknown;
        try {
          readCsv(bytes);
        } catch (err) {
          caught = err;
        }
        expect(caught).to.be.instanceOf(CsvReadError).and.include({ problem: "not_csv", line: 1 });
      }
      const baltic = Buffer.from([0x44, 0x61, 0x74, 0x75, 0x6d, 0x73, 0x3b, 0xd0, 0x6d, 0x69, 0x74, 0x73, 0x0d, 0x0a]); // Datums;Šmits
      expect(readCsv(baltic)[0]!.cells).to.deep.equal(["Datums", "Šmits"]);
    });
  });
});
