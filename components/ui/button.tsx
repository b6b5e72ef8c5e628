import type { ComponentProps } from "react";
import { cx } from "./cx";

const variants = {
  primary: "bg-brand-600 text-white shadow-sm hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100",
  ghost: "text-slate-700 hover:bg-slate-100",
  "ghost-brand": "text-brand-700 hover:bg-brand-50",
} as const;

/** Padding and text size; the two larger ones keep the surrounding (base) text size. */
const sizes = {
  xs: "px-3 py-1.5 text-sm",
  sm: "px-3 py-2 text-sm",
  md: "px-4 py-2 text-sm",
  lg: "px-5 py-2.5",
  xl: "px-5 py-3",
} as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Extra classes (layout, margins, display); they should not repeat what the variant or size set. */
  className?: string;
}

/** The button look as a class string, for links styled as buttons: `<Link className={buttonClasses({ ... })}>`. */
export function buttonClasses({ variant = "primary", size = "md", className }: ButtonStyle = {}): string {
  return cx("rounded-lg font-medium", variants[variant], sizes[size], className);
}

export type ButtonProps = ComponentProps<"button"> & Omit<ButtonStyle, "className">;

/** A `<button>` in the app's look; every native prop (ref included) passes through. `type` defaults to "button". */
export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClasses({ variant, size, className: cx("disabled:opacity-60", className) })}
      {...props}
    />
  );
}
