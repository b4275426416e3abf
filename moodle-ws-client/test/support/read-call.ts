import type { IncomingMessage } from "node:http";
import type { FakeMoodleCall } from "./fake-moodle.js";
import { parsePhpForm } from "./parse-php-form.js";

/** Reads a request into a FakeMoodleCall: query and form or multipart fields, files, and PHP-style nested params. */
export async function readCall(req: IncomingMessage, restPath: string, uploadPath: string): Promise<FakeMoodleCall> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const type = req.headers["content-type"] ?? "";
  const form = new URLSearchParams(url.search);
  const files: FakeMoodleCall["files"] = [];
  if (type.startsWith("multipart/form-data")) {
    const data = await new Request("http://127.0.0.1/", {
      method: "POST",
      headers: { "content-type": type },
      body: new Uint8Array(raw),
    }).formData();
    for (const [field, value] of data.entries()) {
      if (typeof value === "string") form.append(field, value);
      else files.push({ field, filename: value.name, size: value.size, type: value.type, text: await value.text() });
    }
  } else {
    for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) form.append(k, v);
  }
  const endpoint = url.pathname === restPath ? "rest" : url.pathname === uploadPath ? "upload" : "other";
  const flat = Object.fromEntries(form);
  const params = parsePhpForm(
    [...form].filter(([k]) => !["wstoken", "wsfunction", "moodlewsrestformat", "token"].includes(k)),
  );
  return {
    endpoint,
    method: req.method ?? "GET",
    path: url.pathname,
    wsfunction: endpoint === "upload" ? uploadPath : (form.get("wsfunction") ?? undefined),
    token: form.get("wstoken") ?? form.get("token") ?? undefined,
    form: flat,
    params,
    rawBody: type.startsWith("multipart/") ? "" : raw.toString("utf8"),
    files,
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
