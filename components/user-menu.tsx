"use client";

import { UserButton } from "@clerk/nextjs";

const focusRing = { outline: "2px solid var(--color-brand-500)", outlineOffset: "2px" };

/**
 * On small screens the user's name gives way to the avatar alone, so the menu stays on screen. Clerk
 * styles its own buttons above the app's stylesheet, so the app's focus ring is given to them here:
 * theirs is faint or, in the menu, missing. A client component, so this configuration ships once in
 * the script instead of in every page's payload.
 */
const appearance = {
  elements: {
    userButtonOuterIdentifier: "max-sm:hidden",
    userButtonTrigger: { "&:focus-visible": focusRing },
    userButtonPopoverActionButton: { "&:focus-visible": { ...focusRing, outlineOffset: "-2px" } },
  },
};

/** Clerk's user button: the user's menu, and the only way to sign out. */
export function UserMenu() {
  return <UserButton showName appearance={appearance} />;
}
