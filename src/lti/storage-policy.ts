/**
 * How long ltijs's short-lived collections live, in seconds (ltijs's own schema TTLs, except the nonce:
 * ltijs keeps it 10 s, shorter than the id_token age we accept, which would let a replay through).
 * Collections not listed never expire.
 */
export const LTI_EXPIRY_SECONDS: Readonly<Record<string, number>> = Object.freeze({
  nonce: 600,
  state: 600,
  idtoken: 24 * 3600,
  contexttoken: 24 * 3600,
  accesstoken: 3600,
});

/** Collections whose documents carry `createdAt` in ltijs's mongoose schemas (ltijs reads it back). */
export const LTI_TIMESTAMPED = new Set(Object.keys(LTI_EXPIRY_SECONDS));
