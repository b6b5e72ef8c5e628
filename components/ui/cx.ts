/** Joins class names, skipping empty ones: `cx("a", cond && "b", undefined)` is "a" or "a b". */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
