import qs from "qs";

/**
 * Stripe's v1 API takes `application/x-www-form-urlencoded` bodies (and query strings) with nested keys:
 * `metadata[user_id]=u1`, `automatic_payment_methods[enabled]=true`, `expand[]=x` or `expand[0]=x`.
 * qs turns them into plain nested values that zod can validate.
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const PROTO = "__proto__";
/**
 * qs drops `__proto__` keys; Stripe would refuse one as an unknown parameter, so it travels under this
 * name instead (URL decoding never yields a lone surrogate) and gets its own name back afterwards.
 */
const PROTO_STAND_IN = "\uD800proto";

const OPTIONS: qs.IParseOptions = {
  // Null-prototype objects, so a key such as `__proto__` is just data.
  plainObjects: true,
  // A repeated key keeps its last value, as URLSearchParams would.
  duplicates: "last",
  decoder: (text, decode, charset, kind) => {
    const decoded: string = decode(text, decode, charset);
    return kind === "key" ? decoded.replace(/(?<=^|\[)__proto__(?=\[|\]|$)/g, PROTO_STAND_IN) : decoded;
  },
};

function restoreProto(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(restoreProto);
  const result = Object.create(null) as FormObject;
  for (const [key, child] of Object.entries(value)) result[key === PROTO_STAND_IN ? PROTO : key] = restoreProto(child);
  return result;
}

export function parseFormBody(encoded: string): FormObject {
  return restoreProto(qs.parse(encoded, OPTIONS) as FormObject) as FormObject;
}
