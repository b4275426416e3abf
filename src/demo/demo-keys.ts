import { eq } from "drizzle-orm";
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, type CryptoKey, type JWK } from "jose";
import type { Db } from "../db/client.js";
import { settings } from "../db/schema.js";

export interface DemoKeys {
  kid: string;
  privateKey: CryptoKey;
  publicPem: string;
  publicJwk: JWK;
}

const KEY = "demo_platform_keys";

/** The demo platform's RSA key pair: made on first start and kept in the database, never in the repo. */
export async function loadDemoKeys(db: Db): Promise<DemoKeys> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY)).limit(1);
  let stored = row?.value as { kid: string; privatePem: string; publicPem: string } | undefined;
  if (!stored) {
    const pair = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    stored = {
      kid: `demo-${Date.now().toString(36)}`,
      privatePem: await exportPKCS8(pair.privateKey),
      publicPem: await exportSPKI(pair.publicKey),
    };
    await db.insert(settings).values({ key: KEY, value: stored }).onConflictDoNothing();
    const [again] = await db.select().from(settings).where(eq(settings.key, KEY)).limit(1);
    stored = again?.value as typeof stored;
  }
  const privateKey = await importPKCS8(stored.privatePem, "RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(privateKey)), kid: stored.kid, alg: "RS256", use: "sig" };
  for (const k of ["d", "p", "q", "dp", "dq", "qi"] as const) delete publicJwk[k];
  return { kid: stored.kid, privateKey, publicPem: stored.publicPem, publicJwk };
}
