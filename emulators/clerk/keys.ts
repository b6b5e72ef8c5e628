import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export interface KeyMaterial {
  kid: string;
  privateKey: KeyObject;
  /** SPKI PEM with its line breaks removed (see `singleLinePem`). */
  publicKeyPem: string;
  webhookSecret: string;
}

const storedKeysSchema = z.object({
  kid: z.string().min(1),
  privateKeyPem: z.string().includes("PRIVATE KEY"),
  webhookSecret: z.string().startsWith("whsec_"),
});

/**
 * One line, no escapes: .env files cannot hold raw newlines, and @clerk/backend's loadClerkJwkFromPem
 * strips only real line breaks (a literal `\n` would corrupt the modulus). It also strips a fixed
 * 2048-bit RSA SPKI prefix, which is why the key must be RSA 2048 with exponent 65537.
 */
export function singleLinePem(pem: string): string {
  return pem.replace(/\r?\n/g, "");
}

export function generateRsaKey(): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 0x10001 }).privateKey;
}

/** Loads the instance key and webhook secret from `dataDir`, creating them on first use. */
export function loadOrCreateKeyMaterial(dataDir: string): KeyMaterial {
  const file = join(dataDir, "keys.json");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const stored = {
      kid: `ins_key_${randomBytes(8).toString("hex")}`,
      privateKeyPem: generateRsaKey().export({ type: "pkcs8", format: "pem" }).toString(),
      webhookSecret: `whsec_${randomBytes(32).toString("base64")}`,
    };
    // Write then rename so a crash never leaves a half-written key file behind.
    writeFileSync(`${file}.tmp`, JSON.stringify(stored, null, 2), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  const stored = storedKeysSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const privateKey = createPrivateKey(stored.privateKeyPem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return {
    kid: stored.kid,
    privateKey,
    publicKeyPem: singleLinePem(publicKeyPem),
    webhookSecret: stored.webhookSecret,
  };
}
