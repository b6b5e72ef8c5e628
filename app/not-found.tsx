import { NotFoundMessage } from "@/components/not-found-message";

/**
 * What notFound() shows inside a page (e.g. /status for non-operators). Next.js renders it into every
 * page's payload, so it must stay static: URLs that match no route get app/global-not-found.tsx instead.
 */
export default function NotFound() {
  return <NotFoundMessage />;
}
