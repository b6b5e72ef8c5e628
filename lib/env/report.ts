/**
 * How a bad environment stops the process: one message listing each variable and what it expects,
 * never its value. Shared by the server and browser env modules.
 */
export function reportInvalidEnvironment(issues: readonly { message: string; path?: readonly unknown[] }[]): never {
  const lines = issues.map((issue) => {
    const name = issue.path
      ?.map((segment) =>
        typeof segment === "object" && segment && "key" in segment ? String(segment.key) : String(segment),
      )
      .join(".");
    return `  - ${name ?? "(unknown)"}: ${issue.message}`;
  });
  const message = `Invalid environment variables:\n${lines.join("\n")}\nSee the Configuration table in README.md.`;
  console.error(message);
  throw new Error(message);
}
