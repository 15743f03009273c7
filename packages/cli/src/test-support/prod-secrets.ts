// The production drivers' secrets for an e2e run: distinctive random strings that reach `lake`
// only through its environment (the config says `${env:…}`), so finding one anywhere the lake
// writes (stdout, stderr, --json, catalog, perfmet) is a leak, never a coincidence.
import { randomBytes } from 'node:crypto';

/** Environment variable → its value; every value is a secret a test looks for. */
export type SecretEnv = Record<string, string>;

/** `<label>-<24 hex>`: long and random enough that it can only appear by being copied. */
export function distinctiveSecret(label: string): string {
  return `${label}-${randomBytes(12).toString('hex')}`;
}

/**
 * The storage, publish and unit-data secrets of the production config (lake.config.example.json
 * names the same variables); the catalog backend brings its own (prod-catalog.ts).
 */
export function productionSecrets(): SecretEnv {
  return {
    AWS_SECRET_ACCESS_KEY: distinctiveSecret('awssecret'),
    SOCRATA_PASSWORD: distinctiveSecret('socratapw'),
    SOCRATA_APP_TOKEN: distinctiveSecret('socrataapptoken'),
    KNACK_API_KEY: distinctiveSecret('knackkey'),
  };
}

/** The names of the secrets (not their values) that occur in `text`. */
export function leakedSecrets(text: string, secrets: SecretEnv): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}
