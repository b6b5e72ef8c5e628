import type { LatencyBucket } from "@/lib/observability/status";

const label = (upToMs: number) =>
  upToMs === Number.POSITIVE_INFINITY ? "more" : upToMs >= 1_000 ? `≤${upToMs / 1_000}s` : `≤${upToMs}ms`;

/**
 * A bar per latency bucket; the table behind it is what screen readers get. A phone has room for
 * every third label only; the bars keep their places.
 */
export function LatencyChart({ buckets, name }: { buckets: LatencyBucket[]; name: string }) {
  const highest = Math.max(1, ...buckets.map((bucket) => bucket.count));
  if (buckets.every((bucket) => bucket.count === 0))
    return <p className="text-xs text-slate-500">No calls recorded by this instance yet.</p>;
  return (
    <figure>
      <div aria-hidden className="flex h-20 items-end gap-1">
        {buckets.map((bucket, index) => (
          <div key={bucket.upToMs} className="flex min-w-0 flex-1 flex-col items-center gap-1">
            <div
              className="w-full rounded-t bg-brand-500"
              style={{ height: `${Math.max(2, (bucket.count / highest) * 64)}px`, opacity: bucket.count ? 1 : 0.15 }}
            />
            <span className={`text-[10px] whitespace-nowrap text-slate-500 ${index % 3 ? "max-sm:invisible" : ""}`}>
              {label(bucket.upToMs)}
            </span>
          </div>
        ))}
      </div>
      <table className="sr-only">
        <caption>{name} latency distribution</caption>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket.upToMs}>
              <th scope="row">{label(bucket.upToMs)}</th>
              <td>{bucket.count} calls</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
