"use client";

import { useState, type FormEvent } from "react";
import { PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { Button } from "@/components/ui/button";

/** The Payment Element and its submit button; Stripe redirects back to /billing after confirmation. */
export function PaymentForm({ priceLabel }: { priceLabel: string }) {
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setSubmitting(true);
    setError(null);
    const result = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: `${window.location.origin}/billing` },
    });
    // Only reached when confirmation fails without leaving the page (e.g. a declined card).
    setError(result.error.message ?? "Your payment could not be completed.");
    setSubmitting(false);
  }

  return (
    <form onSubmit={submit} className="max-w-md space-y-4">
      {/* The Buy Pro button that opened the form is gone: the card number takes the focus. */}
      <PaymentElement onReady={(element) => element.focus()} />
      <Button type="submit" size="lg" disabled={!stripe || submitting} className="w-full">
        {submitting ? "Processing…" : `Pay ${priceLabel}`}
      </Button>
      <p role="alert" aria-live="polite" className="text-sm text-red-700">
        {error}
      </p>
    </form>
  );
}
