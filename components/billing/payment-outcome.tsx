import type { OrderStatus } from "@/lib/payments/types";

const outcomes: Partial<Record<OrderStatus, { title: string; body: string; style: string }>> = {
  succeeded: {
    title: "Payment received — welcome to Pro!",
    body: "Your task limit is gone. Thank you for supporting Taskpilot.",
    style: "border-emerald-200 bg-emerald-50 text-emerald-900",
  },
  processing: {
    title: "Your payment is processing",
    body: "This can take a moment. Your plan updates as soon as the payment clears.",
    style: "border-amber-200 bg-amber-50 text-amber-900",
  },
  failed: {
    title: "Your payment did not go through",
    body: "Nothing was charged. Try again, perhaps with another card.",
    style: "border-red-200 bg-red-50 text-red-900",
  },
  requires_payment: {
    title: "Your payment did not go through",
    body: "Nothing was charged. Try again, perhaps with another card.",
    style: "border-red-200 bg-red-50 text-red-900",
  },
  canceled: {
    title: "The payment was canceled",
    body: "Nothing was charged.",
    style: "border-slate-200 bg-slate-50 text-slate-900",
  },
  refunded: {
    title: "This payment was refunded",
    body: "Your account is back on the Free plan.",
    style: "border-sky-200 bg-sky-50 text-sky-900",
  },
};

/** What happened to the payment the person just returned from, read from our synced order. */
export function PaymentOutcome({ status }: { status: OrderStatus }) {
  const outcome = outcomes[status];
  if (!outcome) return null;
  return (
    <div role="status" className={`rounded-2xl border p-5 ${outcome.style}`}>
      <p className="font-semibold">{outcome.title}</p>
      <p className="mt-1 text-sm">{outcome.body}</p>
    </div>
  );
}
