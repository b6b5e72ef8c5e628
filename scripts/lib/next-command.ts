const hostnameFlags = ["-H", "--hostname"];

/**
 * `next dev` and `next start` listen on every interface unless told otherwise. The stack's servers carry
 * the emulators (a sign-in page that lets anyone pick a user), so they listen on loopback only; a
 * command that names its own hostname keeps it. The name is `localhost` (127.0.0.1, or ::1 where that
 * comes first), not the address: Next.js takes its own origin from it, and with 127.0.0.1 Clerk's
 * middleware rewrites to the app's origin (http://localhost:PORT) look external, so Next.js 16 proxies
 * them back to itself until the request hangs.
 */
export function bindToLoopback(command: string[]): string[] {
  const [executable, subcommand, ...rest] = command;
  if (executable !== "next" || (subcommand !== "dev" && subcommand !== "start")) return command;
  const named = rest.some((arg) => hostnameFlags.includes(arg) || arg.startsWith("--hostname="));
  return named ? command : [...command, "--hostname", "localhost"];
}
