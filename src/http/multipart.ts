import express, { type NextFunction, type Request, type Response } from "express";

/** One part of a multipart/form-data body; `fileName` is set (maybe "") for a file field. */
export interface MultipartPart {
  name: string;
  fileName?: string;
  content: Buffer;
}

/**
 * The complete parts of a multipart/form-data body, in order. A part cut off by the end of the buffer (a body
 * read only up to a limit) is left out; the parts before it are whole.
 */
export function readParts(body: Buffer, boundary: string): MultipartPart[] {
  const out: MultipartPart[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf("\r\n\r\n");
    if (split !== -1) {
      const head = part.subarray(0, split).toString("utf8");
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const fileName = /filename="([^"]*)"/i.exec(head)?.[1];
      if (name) out.push({ name, ...(fileName !== undefined ? { fileName } : {}), content: part.subarray(split + 4) });
    }
    at = next;
  }
  return out;
}

/** The parts of a multipart/form-data body: text fields as strings, file fields as bytes. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string | Buffer> {
  const out: Record<string, string | Buffer> = {};
  for (const p of readParts(body, boundary))
    out[p.name] = p.fileName !== undefined ? Buffer.from(p.content) : p.content.toString("utf8");
  return out;
}

const boundaryOf = (req: Request) => {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.get("content-type") ?? "");
  return m ? (m[1] ?? m[2]!) : null;
};

/**
 * Reads a multipart upload (one schedule file, up to 5 MB) into req.body before the CSRF check, which then finds
 * `_csrf` there as in any other form. Mounted only on the import route.
 */
export function scheduleUpload() {
  const raw = express.raw({ type: "multipart/form-data", limit: "5mb" });
  return (req: Request, res: Response, next: NextFunction) => {
    raw(req, res, (err?: unknown) => {
      if (err) return next(err);
      const boundary = boundaryOf(req);
      if (Buffer.isBuffer(req.body) && boundary) req.body = parseMultipart(req.body, boundary);
      next();
    });
  };
}

/** A file of a bounded upload: the name the device gave (raw, to be cleaned by the feature) and the bytes. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

/** What a bounded upload read: its files by field, and whether the body went past the limit (files dropped). */
export interface Upload {
  files: Record<string, UploadedFile>;
  isTooLarge: boolean;
}

/** Room for the text fields and part headers next to a file of the largest size. */
const FIELDS_ROOM = 256 * 1024;

/**
 * A multipart form with an optional file where a too large file must not lose the rest of the form: the body is
 * kept up to `maxFileBytes` (plus room for the fields), anything beyond is read and thrown away, and the parts
 * that arrived whole (the text fields come before the file in the form) go to req.body as strings, so the CSRF
 * check and the form's own re-render work. The files and whether the limit was passed are in `uploadOf(res)`.
 * A body past `hardLimitBytes` is not read to its end: the connection is closed.
 */
export function boundedUpload(maxFileBytes: number, hardLimitBytes = 64 * 1024 * 1024) {
  const keep = maxFileBytes + FIELDS_ROOM;
  return (req: Request, res: Response, next: NextFunction) => {
    const boundary = boundaryOf(req);
    if (req.method !== "POST" || !req.is("multipart/form-data") || !boundary) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      const room = keep - Math.min(size, keep);
      if (room > 0) chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += chunk.length;
      if (size > hardLimitBytes) req.destroy();
    });
    req.on("error", next);
    req.on("end", () => {
      const body: Record<string, string> = {};
      const files: Record<string, UploadedFile> = {};
      for (const p of readParts(Buffer.concat(chunks), boundary))
        if (p.fileName === undefined) body[p.name] = p.content.toString("utf8");
        else files[p.name] = { fileName: p.fileName, bytes: Buffer.from(p.content) };
      const isTooLarge = size > keep || Object.values(files).some((f) => f.bytes.length > maxFileBytes);
      req.body = body;
      res.locals.upload = { files: isTooLarge ? {} : files, isTooLarge } satisfies Upload;
      next();
    });
  };
}

/** What boundedUpload read for this request (nothing when the form came without a body of its kind). */
export function uploadOf(res: Response): Upload {
  return (res.locals.upload as Upload | undefined) ?? { files: {}, isTooLarge: false };
}
