import { invalidRequest } from "./stripe-errors";
import type { Store } from "./store";
import type { ApiObject, StripeObject } from "./types";

/** Which id-valued fields each object type lets `expand[]` replace with the full object. */
const EXPANDABLE: Record<string, readonly string[]> = {
  payment_intent: ["latest_charge", "payment_method"],
  charge: ["payment_intent", "payment_method"],
  refund: ["charge", "payment_intent"],
  dispute: ["charge", "payment_intent"],
};

const cannotExpand = (path: string) =>
  invalidRequest(`This property cannot be expanded (${path}).`, { param: "expand" });

function find(store: Store, id: string): StripeObject | undefined {
  return (
    store.paymentIntents.get(id) ??
    store.charges.get(id) ??
    store.refunds.get(id) ??
    store.paymentMethods.get(id)?.paymentMethod
  );
}

/** Returns a copy of `object` with each dotted path (`latest_charge`, `latest_charge.payment_method`) expanded. */
export function expandObject(store: Store, object: ApiObject, paths: readonly string[]): ApiObject {
  if (object.object === "list") {
    // A list's items are expanded through `data.`: `data.charge`.
    const itemPaths = paths.map((path) => {
      if (!path.startsWith("data.")) throw cannotExpand(path);
      return path.slice("data.".length);
    });
    return { ...object, data: object.data.map((item) => expandObject(store, item, itemPaths) as StripeObject) };
  }
  const result = structuredClone(object);
  for (const path of paths) {
    let node: Record<string, unknown> = result as unknown as Record<string, unknown>;
    for (const field of path.split(".")) {
      if (!EXPANDABLE[String(node.object)]?.includes(field)) throw cannotExpand(path);
      const value = node[field];
      if (typeof value === "string") node[field] = structuredClone(find(store, value)) ?? value;
      if (typeof node[field] !== "object" || node[field] === null) break;
      node = node[field] as Record<string, unknown>;
    }
  }
  return result;
}
