import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { AuthProvider } from "@/components/auth-provider";
import { Logo } from "@/components/logo";
import { UserMenu } from "@/components/user-menu";
import { isOperator } from "@/lib/auth/operator";
import { traceMetadata } from "@/lib/observability/trace-metadata";

export const generateMetadata = traceMetadata;

export default async function AppShellLayout({ children }: { children: ReactNode }) {
  return (
    // The user menu mounts once the page has loaded (components/user-menu.tsx), so @clerk/ui is not preloaded.
    <AuthProvider prefetchUI={false}>
      <div className="flex min-h-screen flex-col">
        <header className="relative border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-2 sm:gap-6 sm:px-6 sm:py-3">
            <div className="flex flex-1 items-center gap-8">
              <Logo href="/tasks" />
              <AppNav operator={await isOperator()} />
            </div>
            <UserMenu />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-4 sm:px-6 sm:py-8">{children}</main>
      </div>
    </AuthProvider>
  );
}
