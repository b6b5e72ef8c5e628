import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { publicEnv as env } from "@/lib/env/public";

let stripePromise: Promise<Stripe | null> | undefined;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("Stripe.js could not be loaded"));
    document.head.appendChild(script);
  });
}

/**
 * Stripe.js for the browser, loaded once on first use. With NEXT_PUBLIC_STRIPE_JS_URL (the local
 * emulator) that script is loaded first; loadStripe then finds window.Stripe and uses it as is.
 */
export function getStripe(): Promise<Stripe | null> {
  stripePromise ??= (async () => {
    if (env.NEXT_PUBLIC_STRIPE_JS_URL && !("Stripe" in window)) await loadScript(env.NEXT_PUBLIC_STRIPE_JS_URL);
    return loadStripe(env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY);
  })();
  return stripePromise;
}
