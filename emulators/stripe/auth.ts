import { invalidRequest, type StripeApiError } from "./stripe-errors";

/** Stripe's API keys: the secret key for servers, the publishable key for the few calls Stripe.js makes. */
export interface ApiKeys {
  secretKey: string;
  publishableKey: string;
}

export interface Auth {
  kind: "secret" | "publishable";
  key: string;
}

const unauthorized = (message: string): StripeApiError => invalidRequest(message, { status: 401 });

// Stripe echoes a masked key, never the whole one.
const mask = (key: string) =>
  key.length > 12 ? `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}` : "*".repeat(key.length);

function keyFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, credentials = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "bearer") return credentials.trim();
  // Basic auth carries the key as the user name, as `curl -u sk_test_…:` sends it.
  if (scheme?.toLowerCase() === "basic") return Buffer.from(credentials, "base64").toString("utf8").split(":")[0];
  return undefined;
}

export function authenticate(header: string | undefined, keys: ApiKeys): Auth {
  const key = keyFromHeader(header);
  if (!key) {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, " +
        "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (key === keys.secretKey) return { kind: "secret", key };
  if (key === keys.publishableKey) return { kind: "publishable", key };
  throw unauthorized(`Invalid API Key provided: ${mask(key)}`);
}

export function secretKeyRequired(): StripeApiError {
  return unauthorized("This API call cannot be made with a publishable API key. Please use a secret API key.");
}
