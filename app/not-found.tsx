"use client";

import { NotFoundMessage } from "@/components/not-found-message";

/**
 * What notFound() shows inside a page (e.g. /status for non-operators). Next.js puts it into every
 * layout's part of every page's payload; as a client component it travels there as a module reference,
 * not as its markup. URLs that match no route get app/global-not-found.tsx instead.
 */
export default function NotFound() {
  return <NotFoundMessage />;
}
