import type { Metadata } from "next";
import { connection } from "next/server";
import { NotFoundMessage } from "@/components/not-found-message";
import "./globals.css";

export const metadata: Metadata = { title: "Page not found · Taskpilot" };

/**
 * The page for URLs that match no route, in place of the root layout. Rendered per request: those URLs
 * go through the proxy, whose per-request nonce the scripts of a prerendered page would not carry.
 */
export default async function GlobalNotFound() {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <NotFoundMessage />
      </body>
    </html>
  );
}
