/** How a failed delivery is recorded: retried later, or failed for good, with a reason fit for the outbox page. */
export interface DeliveryFailure {
  isPermanent: boolean;
  reason: string;
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * Sorts an SMTP error: a 5xx answer (a bad address, a refused message) is permanent; a 4xx, a connection that
 * failed or timed out, and a refused login (a setting to fix, not the recipient's fault) are retried.
 */
export function smtpFailure(err: unknown): DeliveryFailure {
  const e = (err ?? {}) as NodemailerError;
  const code = e.responseCode;
  const reason = (e.response ?? (e.code ? `${e.code}: ${e.message ?? ""}` : (e.message ?? String(err))))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 500);
  const isPermanent = code !== undefined && code >= 500 && code < 600 && e.code !== "EAUTH";
  return { isPermanent, reason };
}
