/**
 * The outbox under a study day's load: 10,000 messages queued in one transaction (queueMessage per recipient
 * batch, as a feature would), then delivered to a real SMTP server (smtp-server) in this process, uncapped.
 * Prints the queueing time, the delivery rate and the peak RSS; writes bench/results/outbox.json.
 *
 *   npm run bench -- outbox                       # PostgreSQL at TEST_DATABASE_URL or 127.0.0.1:5432
 *   npm run bench -- outbox --db pglite --messages 10000 --concurrency 3
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "postgres" },
    messages: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "3" },
  },
});
if (args.db === "postgres") process.env.TEST_DATABASE_URL ||= "postgres://postgres@127.0.0.1:5432/postgres";
else delete process.env.TEST_DATABASE_URL;

const { createTestDatabase } = await import("../test/support/test-database.js");
const { startSmtpSink } = await import("../test/notify/smtp-sink.js");
const { createMailTransport, queueMessage, sendDueMessages } = await import("../src/notify/index.js");

const N = Number(args.messages);
const CONCURRENCY = Number(args.concurrency);
const database = await createTestDatabase();
const sink = await startSmtpSink();
const now = new Date();

// 100 messages (say, one per class of a study day) of 100 recipients each, all in one transaction
const t0 = performance.now();
await database.db.transaction(async (tx) => {
  for (let m = 0; m < N / 100; m++)
    await queueMessage(tx, {
      platformId: "bench",
      kind: "notice",
      dedupeKey: `bench:notice:${m}`,
      recipients: Array.from({ length: 100 }, (_, i) => ({
        userId: `u${m}-${i}`,
        email: `student${m}-${i}@example.lv`,
        name: `Students ${m}-${i}`,
      })),
      data: { title: "Mācību diena sestdien", body: "Nodarbības sāksies 9:00.", at: now.toISOString() },
      now,
    });
});
const queueSeconds = (performance.now() - t0) / 1000;

const mail = createMailTransport({ smtpUrl: sink.url, outboxDir: "./data/bench-outbox", concurrency: CONCURRENCY });
const deps = {
  db: database.db,
  mail,
  mailFrom: "Rollbook <rollbook@kolegija.lv>",
  perMinute: 1_000_000_000,
  concurrency: CONCURRENCY,
  toolName: "Rollbook",
  publicUrl: "http://127.0.0.1:3000",
  linkKey: "bench-key-0123456789-abcdefghijklmnop",
  moodle: async () => null,
};
const t1 = performance.now();
let sent = 0;
for (;;) {
  const r = await sendDueMessages(deps, new Date(), 500);
  sent += r.sent;
  if (r.sent + r.failed + r.retrying + r.skipped === 0) break;
}
const deliverSeconds = (performance.now() - t1) / 1000;
mail.close();
await sink.close();
await database.destroy();

const result = {
  db: args.db,
  messages: N,
  concurrency: CONCURRENCY,
  queueSeconds: Number(queueSeconds.toFixed(2)),
  delivered: sent,
  received: sink.received.length,
  deliverSeconds: Number(deliverSeconds.toFixed(1)),
  perSecond: Math.round(sent / deliverSeconds),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(result);
mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
writeFileSync(join(import.meta.dirname, "results", "outbox.json"), `${JSON.stringify(result, null, 2)}\n`);
if (sent !== N || sink.received.length !== N) process.exit(1);
