import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer/index.js";

/** One email ready to go; `fileName` names the .eml when mail is written to files. */
export type OutgoingMail = Mail.Options & { fileName: string };

/** Where emails go: an SMTP server, or .eml files when none is configured. */
export interface MailTransport {
  readonly kind: "smtp" | "files";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailTransportOptions {
  smtpUrl?: string;
  /** Used without SMTP: DATA_DIR/outbox. */
  outboxDir: string;
  /** Open connections at once (SMTP pool). */
  concurrency: number;
}

/**
 * nodemailer over SMTP from SMTP_URL (smtp:// upgrades with STARTTLS when the server offers it, `?requireTLS=true`
 * insists; smtps:// is TLS from the start), pooled to `concurrency` connections. Without SMTP_URL each message is
 * built by nodemailer's stream transport and written to `<outboxDir>/<fileName>.eml`, the same bytes SMTP would get.
 */
export function createMailTransport(opts: MailTransportOptions): MailTransport {
  if (opts.smtpUrl) {
    const pool = nodemailer.createTransport({
      url: opts.smtpUrl,
      pool: true,
      maxConnections: opts.concurrency,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      logger: false,
    });
    return {
      kind: "smtp",
      send: async ({ fileName: _, ...mail }) => void (await pool.sendMail(mail)),
      close: () => pool.close(),
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "files",
    async send({ fileName, ...mail }) {
      const info = await stream.sendMail(mail);
      await mkdir(opts.outboxDir, { recursive: true });
      const path = join(opts.outboxDir, `${fileName}.eml`);
      await writeFile(`${path}.tmp`, info.message as Buffer);
      await rename(`${path}.tmp`, path);
    },
    close: () => stream.close(),
  };
}
