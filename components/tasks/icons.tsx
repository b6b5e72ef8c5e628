/** The icons app/globals.css draws (`.icon-<name>`). */
type IconName = "search" | "sparkles" | "inbox" | "menu";

/** A decorative line icon in the current text colour; its size comes from `className`. */
export function Icon({ name, className = "size-4" }: { name: IconName; className?: string }) {
  return <span aria-hidden className={`icon icon-${name} ${className}`} />;
}

export function Spinner({ className = "size-4" }: { className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className={`animate-spin ${className}`} fill="none">
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity={0.25} strokeWidth={3} />
      <path d="M21 12a9 9 0 00-9-9" stroke="currentColor" strokeWidth={3} strokeLinecap="round" />
    </svg>
  );
}
