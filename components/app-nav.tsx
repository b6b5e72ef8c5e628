"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { Icon } from "@/components/tasks/icons";
import { cx } from "@/components/ui/cx";

const links = [
  { href: "/tasks", label: "Tasks" },
  { href: "/billing", label: "Billing" },
  { href: "/status", label: "Status" },
] as const;

const menuButtonClass = [
  "inline-flex min-h-11 items-center gap-2 rounded-lg px-3 text-sm font-medium text-slate-700",
  "hover:bg-slate-100 aria-expanded:bg-slate-100 sm:hidden",
].join(" ");

/** Below `sm` the links drop down under the header as a full-width list of 44 px rows. */
const listClass = [
  "max-sm:absolute max-sm:inset-x-0 max-sm:top-full max-sm:z-30 max-sm:flex-col max-sm:gap-1",
  "max-sm:border-b max-sm:border-slate-200 max-sm:bg-white max-sm:p-2 max-sm:shadow-lg",
  "sm:flex sm:gap-1",
].join(" ");

/**
 * The main navigation. On small screens it collapses behind a "Menu" button (a disclosure: the
 * button says whether the list is open); Escape or leaving the menu closes it, and a link closes it
 * as it navigates. Closing returns the focus to the button, so it is not left on a hidden link.
 */
export function AppNav() {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <nav
      aria-label="Main"
      className="text-sm font-medium max-sm:ml-auto"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="main-nav-links"
        onClick={() => setOpen(!open)}
        className={menuButtonClass}
      >
        <Icon name="menu" className="size-5" />
        Menu
      </button>
      <ul id="main-nav-links" className={cx(open ? "flex" : "hidden", listClass)}>
        {links.map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                onClick={() => {
                  if (!open) return;
                  setOpen(false);
                  buttonRef.current?.focus();
                }}
                className={cx(
                  "flex rounded-lg px-3 py-2 max-sm:min-h-11 max-sm:items-center",
                  active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
