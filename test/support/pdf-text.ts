import { inflateSync } from "node:zlib";

/**
 * The text of a PDF as pdfkit writes it (Type0 fonts with Identity-H and a ToUnicode map), one line per text
 * object, pages separated by a form feed. Small on purpose: enough to check what a reader would copy out of it.
 */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  const fontMap = (fontObj: number) => {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj)?.dict ?? "")?.[1];
    if (!ref) return new Map<number, string>();
    if (!cmaps.has(Number(ref))) cmaps.set(Number(ref), parseCmap(objects.get(Number(ref))?.stream ?? ""));
    return cmaps.get(Number(ref))!;
  };
  const pages: string[] = [];
  for (const obj of objects.values()) {
    if (!/\/Type \/Page\b/.test(obj.dict)) continue;
    const resources = objects.get(Number(/\/Resources (\d+) 0 R/.exec(obj.dict)?.[1]))?.dict ?? obj.dict;
    const fonts = new Map(
      [...(/\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? "").matchAll(/\/(\S+) (\d+) 0 R/g)].map((m) => [
        m[1]!,
        fontMap(Number(m[2])),
      ]),
    );
    const content = objects.get(Number(/\/Contents (\d+) 0 R/.exec(obj.dict)?.[1]))?.stream ?? "";
    pages.push(showText(content, fonts));
  }
  return pages.join("\f");
}

interface PdfObject {
  dict: string;
  stream: string;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString("latin1");
  const out = new Map<number, PdfObject>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf("stream");
    const dict = at === -1 ? body : body.slice(0, at);
    let stream = "";
    if (at !== -1) {
      const start = at + (body[at + 6] === "\r" ? 8 : 7);
      const raw = Buffer.from(body.slice(start, body.lastIndexOf("endstream")), "latin1");
      stream = (/\/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString("latin1");
    }
    out.set(Number(m[1]), { dict, stream });
  }
  return out;
}

const hexToCodes = (hex: string, size: number) =>
  Array.from({ length: hex.length / size }, (_, i) => parseInt(hex.slice(i * size, i * size + size), 16));
// A ligature's entry holds several code units, space-separated: pdfkit writes "fi" as <0066 0069>.
const unicodeOf = (hex: string) => String.fromCharCode(...hexToCodes(hex.replace(/\s+/g, ""), 4));

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      if (m[3]!.startsWith("["))
        [...m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((v, i) => map.set(from + i, unicodeOf(v[1]!)));
      else
        for (let c = from, u = parseInt(m[3]!.slice(1, -1), 16); c <= to; c++, u++) map.set(c, String.fromCharCode(u));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
      map.set(parseInt(m[1]!, 16), unicodeOf(m[2]!));
  }
  return map;
}

function showText(content: string, fonts: Map<string, Map<number, string>>): string {
  const lines: string[] = [];
  let font = new Map<number, string>();
  let line = "";
  for (const m of content.matchAll(/\/(\S+) [\d.]+ Tf|(\[[^\]]*\]) TJ|<([0-9a-fA-F]*)> Tj|\bET\b/g)) {
    if (m[1]) font = fonts.get(m[1]) ?? new Map();
    else if (m[2] || m[3] !== undefined) {
      const hexes = m[2] ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [m[3]!];
      line += hexes
        .map((h) =>
          hexToCodes(h, 4)
            .map((c) => font.get(c) ?? "\uFFFD")
            .join(""),
        )
        .join("");
    } else {
      lines.push(line);
      line = "";
    }
  }
  return lines.filter((l) => l !== "").join("\n");
}
