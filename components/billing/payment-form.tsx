"use client";

import { useState, type FormEvent } from "react";
import { PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";

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
      <PaymentElement />
      <button
        type="submit"
        disabled={!stripe || submitting}
        className="w-full rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {submitting ? "Processing…" : `Pay ${priceLabel}`}
      </button>
      <p role="alert" aria-live="polite" className="text-sm text-red-700">
        {error}
      </p>
    </form>
  );
}
