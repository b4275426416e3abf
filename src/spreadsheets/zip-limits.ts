/**
 * What an uploaded XLSX (a ZIP archive) may unpack to. A real timetable or register export is a few MB at most;
 * these bounds are far above that and far below what would hurt the server.
 */
export const ZIP_LIMITS = {
  maxEntries: 500,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  /** Uncompressed / compressed, checked for entries over ratioFloorBytes (a tiny file may compress any way). */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** One file in the archive as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Why an archive is refused before anything is unpacked. */
export type ZipProblem = "unreadable" | "too_large";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

/**
 * The archive's entries read from its central directory only (nothing is inflated), or why it is refused:
 * "unreadable" when it is not a plain ZIP, "too_large" when it is beyond ZIP_LIMITS (entry count, an entry's
 * size, the total, the compression ratio), uses ZIP64, or hides data between the entries the directory lists
 * (a streaming reader would unpack it).
 */
export function inspectZip(bytes: Uint8Array, limits = ZIP_LIMITS): ZipEntry[] | ZipProblem {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(buf);
  if (end < 0) return "unreadable";
  const count = buf.readUInt16LE(end + 10);
  const dirOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return "too_large"; // ZIP64: no spreadsheet of ours needs it
  if (count > limits.maxEntries) return "too_large";
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return "unreadable";
    const nameLength = buf.readUInt16LE(at + 28);
    entries.push({
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  let total = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff) return "too_large";
    if (e.size > limits.maxEntryBytes) return "too_large";
    if (e.size > limits.ratioFloorBytes && e.size > limits.maxRatio * Math.max(1, e.compressedSize)) return "too_large";
    total += e.size;
  }
  if (total > limits.maxTotalBytes) return "too_large";
  return coversArchive(buf, entries, dirOffset);
}

/** The end-of-central-directory record's offset, searched from the end past a comment of up to 64 KB; -1 if none. */
function findEndOfDirectory(buf: Buffer): number {
  for (let at = buf.length - 22; at >= Math.max(0, buf.length - 22 - 0xffff); at--)
    if (buf.readUInt32LE(at) === EOCD) return at;
  return -1;
}

/**
 * The listed entries must lie one after another from the first byte to the central directory, each a local header,
 * its data and an optional data descriptor: data the directory does not list is refused.
 */
function coversArchive(buf: Buffer, entries: ZipEntry[], dirOffset: number): ZipEntry[] | ZipProblem {
  let at = 0;
  for (const e of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (e.localOffset !== at) return "too_large";
    const data = dataOffset(buf, e);
    if (data < 0) return "unreadable";
    at = data + e.compressedSize;
    if (e.flags & 0x08) at += at + 4 <= buf.length && buf.readUInt32LE(at) === DESCRIPTOR ? 16 : 12;
  }
  return at === dirOffset ? entries : "too_large";
}

/** Where an entry's compressed bytes start (after its local header), or -1 when the header is not there. */
export function dataOffset(buf: Buffer, e: ZipEntry): number {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) return -1;
  const data = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  return data + e.compressedSize <= buf.length ? data : -1;
}
