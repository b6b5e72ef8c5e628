import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUp } from "@clerk/nextjs";
import { AuthPage } from "@/components/auth-page";
import { currentUserId } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (await currentUserId()) redirect("/tasks");
  // The hosted page (Account Portal or the local emulator) signs people up as well as in.
  if (env.CLERK_HOSTED_SIGN_IN_URL) redirect("/sign-in");
  return (
    <AuthPage>
      <SignUp routing="hash" forceRedirectUrl="/tasks" signInUrl="/sign-in" />
    </AuthPage>
  );
}
