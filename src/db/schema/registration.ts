import { pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One-time registration links made by the operator (`rollbook registration:link`). Only the SHA-256 of the
 * key is kept: a database dump does not hand out registrations. A link is claimed while its registration runs
 * and spent when the platform is saved.
 */
export const registrationLinks = pgTable("registration_links", {
  id: serial("id").primaryKey(),
  keyHash: text("key_hash").notNull().unique(),
  note: text("note"),
  createdAt: tz("created_at").notNull().defaultNow(),
  expiresAt: tz("expires_at").notNull(),
  /** Set while a registration with this link runs; cleared again when it fails. */
  claimedAt: tz("claimed_at"),
  /** The platform the link registered; set once, the link is spent. */
  platformId: text("platform_id"),
});
