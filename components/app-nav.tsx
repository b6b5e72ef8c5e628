"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const customerLinks = [
  { href: "/tasks", label: "Tasks" },
  { href: "/billing", label: "Billing" },
] as const;
const operatorLinks = [...customerLinks, { href: "/status", label: "Status" }] as const;

/** `operator`: the signed-in user may see /status (everyone else gets a 404 there). */
export function AppNav({ operator }: { operator: boolean }) {
  const pathname = usePathname();
  const links = operator ? operatorLinks : customerLinks;
  return (
    <nav aria-label="Main" className="flex gap-1 text-sm font-medium">
      {links.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-lg px-3 py-2 ${
              active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
