import type { ComponentProps } from "react";
import { cx } from "./cx";

/** The card surface as a class string, for elements that are not a `<section>` (lists, skeletons, plain boxes). */
export function cardClasses(className?: string): string {
  return cx("rounded-2xl border border-slate-200 bg-white", className);
}

/**
 * A white, bordered, rounded `<section>`; padding and shadow come from `className`. Native section
 * props pass through.
 */
export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section className={cardClasses(className)} {...props} />;
}
