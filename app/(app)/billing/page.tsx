import type { Metadata } from "next";
import { getUser } from "@/db/queries/users";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage() {
  const user = await getUser(await requireUser());
  const isPro = user?.plan === "pro";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Billing</h1>
      <section aria-labelledby="plan-heading" className="rounded-2xl border border-slate-200 bg-white p-6">
        <h2 id="plan-heading" className="text-sm font-medium text-slate-500">
          Current plan
        </h2>
        <p className="mt-1 text-xl font-semibold">{isPro ? "Pro" : "Free"}</p>
        <p className="mt-2 text-sm text-slate-600">{isPro ? "Unlimited open tasks." : "Up to 25 open tasks."}</p>
      </section>
    </div>
  );
}
