const hostnameFlags = ["-H", "--hostname"];

/**
 * `next dev` and `next start` listen on every interface unless told otherwise. The stack's servers carry
 * the emulators (a sign-in page that lets anyone pick a user), so they listen on loopback only; a
 * command that names its own hostname keeps it.
 */
export function bindToLoopback(command: string[]): string[] {
  const [executable, subcommand, ...rest] = command;
  if (executable !== "next" || (subcommand !== "dev" && subcommand !== "start")) return command;
  const named = rest.some((arg) => hostnameFlags.includes(arg) || arg.startsWith("--hostname="));
  return named ? command : [...command, "--hostname", "127.0.0.1"];
}
