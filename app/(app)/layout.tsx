import type { ReactNode } from "react";
import { UserButton } from "@clerk/nextjs";
import { AppNav } from "@/components/app-nav";
import { AuthProvider } from "@/components/auth-provider";
import { Logo } from "@/components/logo";

const focusRing = { outline: "2px solid var(--color-brand-500)", outlineOffset: "2px" };

/**
 * On small screens the user's name gives way to the avatar alone, so the menu stays on screen. Clerk
 * styles its own buttons above the app's stylesheet, so the app's focus ring is given to them here:
 * theirs is faint or, in the menu, missing.
 */
const userButtonAppearance = {
  elements: {
    userButtonOuterIdentifier: "max-sm:hidden",
    userButtonTrigger: { "&:focus-visible": focusRing },
    userButtonPopoverActionButton: { "&:focus-visible": { ...focusRing, outlineOffset: "-2px" } },
  },
};

export default function AppShellLayout({ children }: { children: ReactNode }) {
  return (
    <AuthProvider>
      <div className="flex min-h-screen flex-col">
        <header className="relative border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-2 sm:gap-6 sm:px-6 sm:py-3">
            <div className="flex flex-1 items-center gap-8">
              <Logo href="/tasks" />
              <AppNav />
            </div>
            <UserButton showName appearance={userButtonAppearance} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-4 sm:px-6 sm:py-8">{children}</main>
      </div>
    </AuthProvider>
  );
}
