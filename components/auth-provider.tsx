import type { ReactNode } from "react";
import { ClerkProvider } from "@clerk/nextjs";
import { env } from "@/lib/env";

/**
 * Clerk for the pages that need a session: the signed-in app and the sign-in and sign-up pages. Public
 * pages stay outside it, so they are prerendered and load no Clerk code. `dynamic` renders the auth
 * state on the server, so pages are right even before clerk-js loads. `prefetchUI={false}` leaves out the
 * preload of @clerk/ui, Clerk's largest bundles, for pages that mount its components only later.
 */
export function AuthProvider({ children, prefetchUI }: { children: ReactNode; prefetchUI?: false }) {
  return (
    <ClerkProvider
      dynamic
      publishableKey={env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}
      proxyUrl={env.NEXT_PUBLIC_CLERK_PROXY_URL}
      afterSignOutUrl="/"
      prefetchUI={prefetchUI}
    >
      {children}
    </ClerkProvider>
  );
}
