import { expect } from "chai";
import {
  attachmentHeader,
  checkExcuseFile,
  cleanFileName,
  MAX_FILE_BYTES,
  uploadRefusal,
} from "../../src/excuses/excuse-file.js";
import { readParts } from "../../src/http/multipart.js";
import { presentSessionChoices } from "../../src/excuses/present.js";
import { translator } from "../../src/i18n/i18n.js";

describe("excuse files and sessions (pure)", () => {
  it("cleans a device's file name: no folders, no control or reserved characters, no leading dots", () => {
    expect(cleanFileName("C:\\Users\\jb\\izziņa.pdf")).to.equal("izziņa.pdf");
    expect(cleanFileName("../../etc/passwd")).to.equal("passwd");
    expect(cleanFileName('a"b\r\nc;.pdf')).to.equal("a_b__c_.pdf");
    expect(cleanFileName("...hidden.pdf")).to.equal("hidden.pdf");
    expect(cleanFileName("   ")).to.equal("file");
    const long = cleanFileName(`${"ā".repeat(300)}.docx`);
    expect(long).to.have.length(120);
    expect(long.endsWith(".docx")).to.equal(true);
  });

  it("always makes a download an attachment, with an ASCII name and the exact UTF-8 one", () => {
    expect(attachmentHeader("Ārsta izziņa.pdf")).to.equal(
      "attachment; filename=\"Arsta izzina.pdf\"; filename*=UTF-8''%C4%80rsta%20izzi%C5%86a.pdf",
    );
    expect(attachmentHeader("x'(1)*.pdf")).to.equal(
      "attachment; filename=\"x'(1)_.pdf\"; filename*=UTF-8''x%27%281%29_.pdf",
    );
    expect(attachmentHeader('"; inline; x=".pdf')).to.match(/^attachment; filename="__ inline_ x=_.pdf"; /);
  });

  it("keeps a file within the limit of an accepted kind; refuses too large, wrong kind, empty", () => {
    expect(checkExcuseFile({ fileName: "scan.PDF", size: 10 })).to.equal(null);
    expect(checkExcuseFile({ fileName: "photo.heic", size: MAX_FILE_BYTES })).to.equal(null);
    expect(checkExcuseFile({ fileName: "photo.jpg", size: MAX_FILE_BYTES + 1 })).to.equal("file_too_large");
    expect(checkExcuseFile({ fileName: "run.exe", size: 10 })).to.equal("file_type");
    expect(checkExcuseFile({ fileName: "page.html", size: 10 })).to.equal("file_type");
    expect(checkExcuseFile({ fileName: "noext", size: 10 })).to.equal("file_type");
    expect(checkExcuseFile({ fileName: "a.pdf", size: 0 })).to.equal("file_empty");
    expect(uploadRefusal({ files: {}, isTooLarge: true })).to.equal("file_too_large");
    expect(uploadRefusal({ files: { file: { fileName: "", bytes: Buffer.alloc(0) } }, isTooLarge: false })).to.equal(
      null,
    );
  });

  it("reads only the parts that arrived whole from a body cut at a limit", () => {
    const b = "XyZ";
    const body = Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="reason"\r\n\r\nSlimība\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and more`,
    );
    expect(readParts(body, b).map((p) => [p.name, p.content.toString()])).to.deep.equal([["reason", "Slimība"]]);
    const whole = Buffer.concat([body, Buffer.from(`\r\n--${b}--\r\n`)]);
    expect(readParts(whole, b).map((p) => [p.name, p.fileName])).to.deep.equal([
      ["reason", undefined],
      ["file", "a.pdf"],
    ]);
  });

  it("offers coming sessions soonest first, then past ones latest first, marking those already reported", () => {
    const s = (id: number, day: string) => ({
      id,
      setId: 1,
      startsAt: new Date(`${day}T07:00:00Z`),
      endsAt: new Date(`${day}T08:30:00Z`),
      description: id === 2 ? "Seminārs" : "",
      room: null,
      statusId: null,
    });
    const sessions = [s(1, "2026-10-22"), s(2, "2026-10-29"), s(3, "2026-11-05"), s(4, "2026-11-12")];
    const view = { zone: "Europe/Riga", locale: "lv" as const, t: translator("lv") };
    const c = presentSessionChoices(sessions, new Set([2]), new Date("2026-11-02T10:00:00Z"), view);
    expect(c.upcoming.map((o) => o.id)).to.deep.equal([3, 4]);
    expect(c.past.map((o) => [o.id, o.isReported])).to.deep.equal([
      [2, true],
      [1, false],
    ]);
    expect(c.past[0]!.label).to.equal("ceturtdiena, 29.10.2026 09:00–10:30 · Seminārs");
  });
});
