import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ClerkProvider } from "@clerk/nextjs";
import { env } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Taskpilot", template: "%s · Taskpilot" },
  description: "Plan your day, ship your work. Tasks that keep pace with you.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // `dynamic` renders auth state on the server, so pages are right even before clerk-js loads.
    <ClerkProvider
      dynamic
      publishableKey={env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}
      proxyUrl={env.NEXT_PUBLIC_CLERK_PROXY_URL}
      afterSignOutUrl="/"
    >
      <html lang="en">
        <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
      </html>
    </ClerkProvider>
  );
}
