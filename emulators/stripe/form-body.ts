/**
 * Stripe's v1 API takes `application/x-www-form-urlencoded` bodies (and query strings) with nested keys:
 * `metadata[user_id]=u1`, `automatic_payment_methods[enabled]=true`, `expand[]=x` or `expand[0]=x`.
 * This turns them into plain nested values that zod can validate.
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** `a[b][]` -> ["a", "b", ""]; keys with unbalanced brackets stay literal, as `qs` treats them. */
function splitKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match?.[1]) return [key];
  const rest = match[2] ? [...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "") : [];
  return [match[1], ...rest];
}

// Null-prototype objects, so a key such as `__proto__` is just data.
const emptyObject = (): FormObject => Object.create(null) as FormObject;

function assign(target: FormObject, segments: string[], value: string): void {
  let node = target;
  for (let i = 0; i < segments.length; i++) {
    let segment = segments[i] ?? "";
    // `[]` appends: numeric keys are turned into an array afterwards.
    if (segment === "") segment = String(Object.keys(node).length);
    if (i === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (typeof next !== "object" || Array.isArray(next)) node[segment] = emptyObject();
    node = node[segment] as FormObject;
  }
}

function toArrays(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => toArrays(value[key] as FormValue));
  }
  const result = emptyObject();
  for (const key of keys) result[key] = toArrays(value[key] as FormValue);
  return result;
}

export function parseFormBody(encoded: string): FormObject {
  const root = emptyObject();
  for (const [key, value] of new URLSearchParams(encoded)) assign(root, splitKey(key), value);
  return toArrays(root) as FormObject;
}
