"use client";

import { UserButton } from "@clerk/nextjs";
import { useEffect, useState } from "react";

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

/** True once the page has loaded and the browser is idle (Safari has no requestIdleCallback: a timer). */
function useIdleAfterLoad(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let cancel = () => {};
    const whenIdle = () => {
      if (typeof requestIdleCallback === "function") {
        const handle = requestIdleCallback(() => setIdle(true), { timeout: 2_000 });
        cancel = () => cancelIdleCallback(handle);
      } else {
        const timer = setTimeout(() => setIdle(true));
        cancel = () => clearTimeout(timer);
      }
    };
    if (document.readyState === "complete") whenIdle();
    else addEventListener("load", whenIdle, { once: true });
    return () => {
      removeEventListener("load", whenIdle);
      cancel();
    };
  }, []);
  return idle;
}

/**
 * Clerk's user button: the user's menu, and the only way to sign out. It needs @clerk/ui, Clerk's
 * largest bundles, so it mounts once the page has loaded and the browser is idle: the page is usable
 * before they load, and the app shell does not preload them (app/(app)/layout.tsx).
 */
export function UserMenu() {
  const idle = useIdleAfterLoad();
  return idle ? <UserButton showName appearance={appearance} /> : null;
}
