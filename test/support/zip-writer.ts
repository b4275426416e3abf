import { createDeflateRaw, crc32, deflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { xlsxOf } from "../attendance/xlsx.js";

/** One file of a hand-written ZIP: its deflated bytes, real size and CRC, and the size the directory claims. */
export interface ZipPart {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
  claimedSize?: number;
}

/** A part from plain bytes. */
export function partOf(name: string, data: Buffer): ZipPart {
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** A part of `megabytes` MB of one repeated character between `head` and `tail`, deflated a megabyte at a time. */
export async function repeatedPart(name: string, head: string, megabytes: number, tail: string): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const mb = Buffer.alloc(1024 * 1024, "a");
  let crc = crc32(head);
  deflate.write(head);
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(mb, crc);
    if (!deflate.write(mb)) await new Promise((r) => deflate.once("drain", r));
  }
  crc = crc32(tail, crc);
  deflate.end(tail);
  await done;
  return { name, deflated: Buffer.concat(chunks), size: head.length + megabytes * mb.length + tail.length, crc };
}

/** The ZIP of the parts, written by hand so a test can make its central directory lie (claimedSize). */
export function zipOf(parts: ZipPart[], { hidden = [] as ZipPart[] } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const local = (p: ZipPart) => {
    const name = Buffer.from(p.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(p.crc >>> 0, 14);
    h.writeUInt32LE(p.deflated.length, 18);
    h.writeUInt32LE(p.claimedSize ?? p.size, 22);
    h.writeUInt16LE(name.length, 26);
    const at = offset;
    locals.push(h, name, p.deflated);
    offset += h.length + name.length + p.deflated.length;
    return { at, name };
  };
  for (const p of hidden) local(p);
  for (const p of parts) {
    const { at, name } = local(p);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.deflated.length, 20);
    c.writeUInt32LE(p.claimedSize ?? p.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(at, 42);
    central.push(c, name);
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts of a real workbook (made by exceljs) whose first cell is the shared string 0, bar the shared strings. */
export async function workbookParts(): Promise<ZipPart[]> {
  const zip = await JSZip.loadAsync(await xlsxOf([["Datums", "Sākums", "Beigas"]]));
  const parts: ZipPart[] = [];
  for (const [name, file] of Object.entries(zip.files))
    if (!file.dir && name !== "xl/sharedStrings.xml") parts.push(partOf(name, await file.async("nodebuffer")));
  return parts;
}

/**
 * A 1-row XLSX whose one shared string is `megabytes` MB of "a": a few hundred KB on disk (deflate packs a
 * repeated character about 1000:1) that unpacks to hundreds of MB.
 */
export async function sharedStringBomb(megabytes: number, { lie = false } = {}): Promise<Buffer> {
  const sst = await repeatedPart(
    "xl/sharedStrings.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    megabytes,
    "</t></si></sst>",
  );
  if (lie) sst.claimedSize = 4096;
  return zipOf([...(await workbookParts()), sst]);
}
