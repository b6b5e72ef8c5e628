"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";
import { LinkPending } from "@/components/link-pending";
import { Icon } from "@/components/tasks/icons";

const customerLinks = [
  { href: "/tasks", label: "Tasks" },
  { href: "/billing", label: "Billing" },
] as const;
const operatorLinks = [...customerLinks, { href: "/status", label: "Status" }] as const;

/**
 * The main navigation. On small screens it collapses behind a "Menu" button (a disclosure: the
 * button says whether the list is open); Escape or leaving the menu closes it, and a link closes it
 * as it navigates. Closing returns the focus to the button, so it is not left on a hidden link.
 * Its look is `.app-nav-*` in app/globals.css. `operator`: the signed-in user may see /status
 * (everyone else gets a 404 there).
 */
export function AppNav({ operator }: { operator: boolean }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const links = operator ? operatorLinks : customerLinks;
  return (
    <nav
      aria-label="Main"
      className="app-nav"
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
        className="app-nav-toggle"
      >
        <Icon name="menu" className="size-5" />
        Menu
      </button>
      <ul id="main-nav-links" data-open={open || undefined} className="app-nav-links">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={pathname === link.href || pathname.startsWith(`${link.href}/`) ? "page" : undefined}
              onClick={() => {
                if (!open) return;
                setOpen(false);
                buttonRef.current?.focus();
              }}
              className="app-nav-link"
            >
              {link.label}
              <LinkPending />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
