import type { ReactNode } from "react";
import { Logo } from "@/components/logo";

export function AuthPage({ children }: { children: ReactNode }) {
  return (
    <main className="grid min-h-screen place-items-center bg-slate-50 px-6 py-12">
      <div className="flex flex-col items-center gap-8">
        <Logo />
        {children}
      </div>
    </main>
  );
}
