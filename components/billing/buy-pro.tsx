"use client";

import { useState } from "react";
import { Elements } from "@stripe/react-stripe-js";
import { Button } from "@/components/ui/button";
import { getStripe } from "@/lib/stripe/browser";
import { PaymentForm } from "./payment-form";

type Checkout =
  | { state: "idle" }
  | { state: "starting" }
  | { state: "paying"; clientSecret: string }
  | { state: "error"; message: string };

/** "Buy Pro": asks the server for a PaymentIntent (the server decides the price), then shows the Payment Element. */
export function BuyPro({ priceLabel }: { priceLabel: string }) {
  const [checkout, setCheckout] = useState<Checkout>({ state: "idle" });

  async function start() {
    setCheckout({ state: "starting" });
    try {
      const response = await fetch("/api/payments/intent", { method: "POST" });
      const body = (await response.json()) as { clientSecret?: string; message?: string };
      if (response.ok && body.clientSecret) setCheckout({ state: "paying", clientSecret: body.clientSecret });
      else
        setCheckout({ state: "error", message: body.message ?? "The payment could not be started. Please try again." });
    } catch {
      setCheckout({ state: "error", message: "We could not reach Taskpilot. Check your connection and try again." });
    }
  }

  if (checkout.state === "paying") {
    return (
      <Elements stripe={getStripe()} options={{ clientSecret: checkout.clientSecret, appearance: { theme: "stripe" } }}>
        <PaymentForm priceLabel={priceLabel} />
      </Elements>
    );
  }
  return (
    <div className="space-y-3">
      <Button type="button" size="lg" onClick={start} disabled={checkout.state === "starting"}>
        {checkout.state === "starting" ? "Preparing checkout…" : `Buy Pro for ${priceLabel}`}
      </Button>
      <p role="alert" aria-live="polite" className="text-sm text-red-700">
        {checkout.state === "error" ? checkout.message : null}
      </p>
    </div>
  );
}
