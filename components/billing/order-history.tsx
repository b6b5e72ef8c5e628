import { formatMoney } from "@/lib/payments/pricing";
import type { DisputeStatus, OrderStatus, OrderSummary } from "@/lib/payments/types";

const statusLabels: Record<OrderStatus, { label: string; style: string }> = {
  requires_payment: { label: "Awaiting payment", style: "bg-slate-100 text-slate-700" },
  processing: { label: "Processing", style: "bg-amber-100 text-amber-800" },
  succeeded: { label: "Paid", style: "bg-emerald-100 text-emerald-800" },
  failed: { label: "Failed", style: "bg-red-100 text-red-800" },
  canceled: { label: "Canceled", style: "bg-slate-100 text-slate-600" },
  refunded: { label: "Refunded", style: "bg-sky-100 text-sky-800" },
};

const disputeLabels: Record<DisputeStatus, string> = {
  open: "Disputed",
  lost: "Dispute lost",
  won: "Dispute won",
};

const dateFormat = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function OrderHistory({ orders }: { orders: OrderSummary[] }) {
  if (orders.length === 0) return <p className="text-sm text-slate-500">No payments yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Order history</caption>
      <thead className="text-slate-500">
        <tr>
          <th scope="col" className="py-2 font-medium">
            Date (UTC)
          </th>
          <th scope="col" className="py-2 font-medium">
            Amount
          </th>
          <th scope="col" className="py-2 font-medium">
            Status
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {orders.map((order) => (
          <tr key={order.id}>
            <td className="py-2">{dateFormat.format(order.createdAt)}</td>
            <td className="py-2">{formatMoney(order.amount, order.currency)}</td>
            <td className="py-2">
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusLabels[order.status].style}`}>
                {statusLabels[order.status].label}
              </span>
              {order.disputeStatus ? (
                <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                  {disputeLabels[order.disputeStatus]}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
