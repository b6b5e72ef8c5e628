import type { Metadata, Route } from "next";
import { redirect } from "next/navigation";
import { SignIn } from "@clerk/nextjs";
import { AuthPage } from "@/components/auth-page";
import { currentUserId } from "@/lib/auth/session";
import { appUrl } from "@/lib/app-url";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/auth/redirects";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const returnPath = safeReturnPath((await searchParams).redirect_url, appUrl);
  if (await currentUserId()) redirect(returnPath as Route);
  if (env.CLERK_HOSTED_SIGN_IN_URL) {
    const hosted = new URL(env.CLERK_HOSTED_SIGN_IN_URL);
    hosted.searchParams.set("redirect_url", new URL(returnPath, appUrl).toString());
    redirect(hosted.toString() as Route);
  }
  return (
    <AuthPage>
      <SignIn routing="hash" forceRedirectUrl={returnPath} signUpUrl="/sign-up" />
    </AuthPage>
  );
}
