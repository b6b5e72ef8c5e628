import type { ReactNode } from "react";
import { UserButton } from "@clerk/nextjs";
import { AppNav } from "@/components/app-nav";
import { AuthProvider } from "@/components/auth-provider";
import { Logo } from "@/components/logo";
import { isOperator } from "@/lib/auth/operator";

export default async function AppShellLayout({ children }: { children: ReactNode }) {
  return (
    <AuthProvider>
      <div className="flex min-h-screen flex-col">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-6 px-6 py-3">
            <div className="flex items-center gap-8">
              <Logo href="/tasks" />
              <AppNav operator={await isOperator()} />
            </div>
            <UserButton showName />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
      </div>
    </AuthProvider>
  );
}
