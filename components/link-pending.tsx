"use client";

import { useLinkStatus } from "next/link";

/**
 * A bar under the `<Link>` it sits in while the page it leads to is on its way. The signed-in pages are
 * dynamic and have no loading.tsx (a skeleton would be sent with every page), so without it a click
 * would show nothing until the server answers. Fixed in place, so it never moves the layout (app/globals.css
 * positions the link around it).
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return <span aria-hidden="true" data-pending={pending || undefined} className="link-pending" />;
}
