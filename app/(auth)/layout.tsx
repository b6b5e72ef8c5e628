import type { ReactNode } from "react";
import { AuthProvider } from "@/components/auth-provider";
import { traceMetadata } from "@/lib/observability/trace-metadata";

export const generateMetadata = traceMetadata;

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <AuthProvider>{children}</AuthProvider>;
}
