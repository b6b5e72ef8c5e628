import type { Metadata } from "next";
import { checkDatabase } from "@/lib/health";

export const metadata: Metadata = { title: "Status" };
export const dynamic = "force-dynamic";

export default async function StatusPage() {
  const database = await checkDatabase();
  const healthy = database.status === "ok";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Status</h1>
        <p className="mt-1 text-sm text-slate-600">Live health of the services Taskpilot depends on.</p>
      </div>
      <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white">
        <li className="flex items-center justify-between px-6 py-4">
          <div>
            <p className="font-medium">Database</p>
            <p className="text-sm text-slate-500">PostgreSQL round trip</p>
          </div>
          <div className="text-right">
            <p className={`inline-flex items-center gap-2 text-sm font-medium ${healthy ? "text-emerald-700" : "text-red-700"}`}>
              <span aria-hidden className={`size-2 rounded-full ${healthy ? "bg-emerald-500" : "bg-red-500"}`} />
              {healthy ? "Operational" : "Unavailable"}
            </p>
            <p className="text-xs text-slate-500">{database.latencyMs} ms</p>
          </div>
        </li>
      </ul>
    </div>
  );
}
