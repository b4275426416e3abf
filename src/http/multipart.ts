import express, { type NextFunction, type Request, type Response } from "express";

/** The parts of a multipart/form-data body: text fields as strings, file fields as bytes. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string | Buffer> {
  const out: Record<string, string | Buffer> = {};
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
      const content = part.subarray(split + 4);
      if (name) out[name] = /filename="/i.test(head) ? Buffer.from(content) : content.toString("utf8");
    }
    at = next;
  }
  return out;
}

/**
 * Reads a multipart upload (one schedule file, up to 5 MB) into req.body before the CSRF check, which then finds
 * `_csrf` there as in any other form. Mounted only on the import route.
 */
export function scheduleUpload() {
  const raw = express.raw({ type: "multipart/form-data", limit: "5mb" });
  return (req: Request, res: Response, next: NextFunction) => {
    raw(req, res, (err?: unknown) => {
      if (err) return next(err);
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.get("content-type") ?? "");
      if (Buffer.isBuffer(req.body) && boundary) req.body = parseMultipart(req.body, boundary[1] ?? boundary[2]!);
      next();
    });
  };
}
