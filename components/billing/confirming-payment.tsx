"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** Seconds before each look again: about half a minute in all, then the page stops asking. */
const delays = [2, 3, 5, 8, 13];

/**
 * Stripe has not confirmed the payment yet. The page looks again on its own a few times, then says
 * plainly that the plan will update once Stripe answers, instead of waiting forever.
 */
export function ConfirmingPayment() {
  const router = useRouter();
  const [attempt, setAttempt] = useState(0);
  const delay = delays[attempt];

  useEffect(() => {
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      setAttempt((current) => current + 1);
      router.refresh();
    }, delay * 1_000);
    return () => clearTimeout(timer);
  }, [delay, router]);

  return (
    <div role="status" className="rounded-2xl border border-amber-200 bg-amber-50 p-5 text-amber-900">
      {delay === undefined ? (
        <>
          <p className="font-semibold">Still confirming your payment</p>
          <p className="mt-1 text-sm">
            Stripe is taking longer than usual. Your plan updates as soon as the payment is confirmed.
          </p>
          <button
            type="button"
            onClick={() => {
              setAttempt(0);
              router.refresh();
            }}
            className="mt-2 text-sm font-medium underline"
          >
            Check again
          </button>
        </>
      ) : (
        <>
          <p className="font-semibold">Confirming your payment…</p>
          <p className="mt-1 text-sm">We are waiting for Stripe. This page checks again in a few seconds.</p>
        </>
      )}
    </div>
  );
}
