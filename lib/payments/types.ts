import type { DisputeStatus, Order, OrderStatus } from "@/db/schema";

export type { DisputeStatus, OrderStatus };

/** A past purchase as the billing page lists it. */
export type OrderSummary = Pick<Order, "id" | "amount" | "currency" | "status" | "disputeStatus" | "createdAt">;
