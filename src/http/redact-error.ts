import { pino } from "pino";

/** Fields of database errors that hold the values of a statement or of a row (drizzle, pg, PGlite). */
const VALUE_FIELDS = new Set(["params", "parameters", "queryOptions", "detail", "values", "bindings"]);
/** drizzle puts the values into its message: `Failed query: <sql>\nparams: <values>`; the stack repeats it. */
const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*?(?=\n {4}at |$)/;

type Serialized = Record<string, unknown>;

function scrub(value: unknown, depth: number): unknown {
  if (!value || typeof value !== "object" || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Serialized = {};
  const code = (value as Serialized).code;
  // SQLSTATE class 22 (data exception) quotes the offending value: `invalid input syntax for type integer: "…"`.
  const quotesValues = typeof code === "string" && code.startsWith("22");
  for (const [k, v] of Object.entries(value as Serialized)) {
    if (VALUE_FIELDS.has(k)) out[k] = "[redacted]";
    else if ((k === "message" || k === "stack") && typeof v === "string") {
      const cut = v.replace(PARAMS_IN_MESSAGE, "\nparams: [redacted]");
      out[k] = quotesValues ? cut.replace(/"[^"\n]*"/g, '"[redacted]"') : cut;
    } else out[k] = scrub(v, depth + 1);
  }
  return out;
}

/**
 * pino's error serializer, minus the values: a failed statement is logged by its SQL text, SQLSTATE code,
 * constraint and table, never by its parameters (browser ids, device tokens, IP addresses, user ids) nor by
 * the row values PostgreSQL quotes in `detail`. Walks the `cause` chain too.
 */
export function redactError(err: unknown): unknown {
  if (!(err instanceof Error)) return scrub(err, 0);
  return scrub(pino.stdSerializers.errWithCause(err), 0);
}
