/** The largest file a student may attach to an excuse request (a photo of a doctor's note fits easily). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The kinds of file accepted, by name: documents and photos people actually have on a phone or a laptop. */
export const ACCEPTED_EXTENSIONS = [
  "pdf",
  "jpg",
  "jpeg",
  "png",
  "heic",
  "heif",
  "webp",
  "doc",
  "docx",
  "odt",
  "rtf",
  "txt",
];

const MAX_NAME_LENGTH = 120;
// eslint-disable-next-line no-control-regex -- the control characters are exactly what a file name loses
const RESERVED = /[\u0000-\u001f\u007f"*:<>?|%;]/g;

/** Why a chosen file is refused (a key under `excuses.validation`), or null when it may be kept. */
export type FileRefusal = "file_too_large" | "file_type" | "file_empty";

/** Whether an attached file may be kept (pure): within the size limit, not empty, of an accepted kind. */
export function checkExcuseFile(file: { fileName: string; size: number }): FileRefusal | null {
  if (file.size > MAX_FILE_BYTES) return "file_too_large";
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.fileName.trim())?.[1]?.toLowerCase();
  if (!ext || !ACCEPTED_EXTENSIONS.includes(ext)) return "file_type";
  return file.size === 0 ? "file_empty" : null;
}

/**
 * A device's file name made safe to keep and to send back (pure): no folder part, no control or reserved
 * characters, no leading dots, at most 120 characters with the extension kept; "file" when nothing is left.
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(RESERVED, "_").replace(/\s+/g, " ").trim();
  const name = cleaned.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (!name) return "file";
  if (name.length <= MAX_NAME_LENGTH) return name;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? "";
  return name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
}

/**
 * The Content-Disposition of a download (pure): always `attachment` (never shown inline), an ASCII fallback
 * name (letters with diacritics spelled plainly, anything else "_") and the exact name as RFC 5987 UTF-8.
 */
export function attachmentHeader(fileName: string): string {
  const name = cleanFileName(fileName);
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A file size for a page: "120 KB", "1,2 MB" in Latvian, "1.2 MB" in English. */
export function fileSizeParts(size: number): { value: number; unit: "B" | "KB" | "MB" } {
  if (size < 1024) return { value: size, unit: "B" };
  if (size < 1024 * 1024) return { value: Math.round(size / 1024), unit: "KB" };
  return { value: Math.round((size / (1024 * 1024)) * 10) / 10, unit: "MB" };
}

/** Why the upload's file cannot be kept (the body went past the limit, or checkExcuseFile's answer), or null. */
export function uploadRefusal(upload: {
  files: Record<string, { fileName: string; bytes: Buffer }>;
  isTooLarge: boolean;
}) {
  if (upload.isTooLarge) return "file_too_large" as const;
  const file = upload.files.file;
  if (!file || (file.bytes.length === 0 && file.fileName.trim() === "")) return null;
  return checkExcuseFile({ fileName: file.fileName, size: file.bytes.length });
}
