import type { Metadata } from "next";
import { headers } from "next/headers";
import { BuyPro } from "@/components/billing/buy-pro";
import { OrderHistory } from "@/components/billing/order-history";
import { ConfirmingPayment } from "@/components/billing/confirming-payment";
import { PaymentOutcome } from "@/components/billing/payment-outcome";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getPlanWithOrders } from "@/lib/payments/orders";
import { proPrice } from "@/lib/payments/pricing";
import { syncReturnedPayment } from "@/lib/payments/billing-return";
import { clientIp } from "@/lib/security/client-ip";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({ searchParams }: PageProps<"/billing">) {
  const userId = await requireUser();
  const returned = await syncReturnedPayment(userId, await searchParams, clientIp(await headers()));
  const { plan, orders } = await getPlanWithOrders(db, userId);
  const isPro = plan === "pro";
  const dispute = orders.find((order) => order.status === "succeeded" && order.disputeStatus !== null)?.disputeStatus;
  const price = proPrice();
  return (
    <div className="space-y-4 sm:space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Billing</h1>
      {returned?.confirming ? <ConfirmingPayment /> : returned ? <PaymentOutcome status={returned.status} /> : null}
      <Card aria-labelledby="plan-heading" className="p-4 sm:p-6">
        <h2 id="plan-heading" className="text-sm font-medium text-slate-500">
          Current plan
        </h2>
        <p className="mt-1 text-xl font-semibold" data-testid="current-plan">
          {isPro ? "Pro" : "Free"}
        </p>
        <p className="mt-2 text-sm text-slate-600">
          {isPro
            ? "Unlimited open tasks. Thank you!"
            : `Up to ${env.FREE_TASK_LIMIT} open tasks. Pro removes the limit for a one-time ${price.label}.`}
        </p>
        {dispute && !isPro ? (
          <p className="mt-2 text-sm text-amber-800" data-testid="dispute-notice">
            {dispute === "open"
              ? "Pro is paused while your bank reviews a dispute on your payment. " +
                "It comes back if the dispute is resolved in your favour."
              : "Pro was removed after a dispute on your payment was decided against it."}
          </p>
        ) : null}
        {isPro || dispute === "open" || returned?.confirming || returned?.status === "processing" ? null : (
          <div className="mt-6">
            <BuyPro priceLabel={price.label} />
          </div>
        )}
      </Card>
      <Card aria-labelledby="history-heading" className="p-4 sm:p-6">
        <h2 id="history-heading" className="mb-3 text-sm font-medium text-slate-500">
          Order history
        </h2>
        <OrderHistory orders={orders} />
      </Card>
    </div>
  );
}
