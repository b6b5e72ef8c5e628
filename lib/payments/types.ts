import type { Order, OrderStatus } from "@/db/schema";

export type { OrderStatus };

/** A past purchase as the billing page lists it. */
export type OrderSummary = Pick<Order, "id" | "amount" | "currency" | "status" | "createdAt">;
