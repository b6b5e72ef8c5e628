/**
 * One instance per process. Next.js bundles route handlers and pages separately, so a module can be
 * evaluated more than once in the same server (and again on every dev reload); state that must be
 * shared (the database pool, the circuit breaker, the metrics registry) lives on globalThis instead.
 */
export function singleton<T>(name: string, create: () => T): T {
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`taskpilot.${name}`);
  return (registry[key] ??= create());
}
