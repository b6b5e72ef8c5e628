import { AsyncLocalStorage } from "node:async_hooks";
import postgres, { type Sql } from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  connectTimeoutSeconds: number;
  statementTimeoutMs: number;
  /** How long a statement may wait for a lock (`lock_timeout`) before it fails. */
  lockTimeoutMs?: number;
  /** A session left idle inside a transaction this long is ended by the server, releasing its locks. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Called as each query starts; the function it returns is called when the query ends. The seam
   * for traces, metrics and slow-query logs.
   */
  observeQuery?: QueryObserver;
}

export type QueryObserver = (text: string) => (outcome: { ok: boolean; durationMs: number }) => void;

/**
 * Builds a postgres.js pool and a Drizzle instance over it. The app composes its one instance in lib/db.ts;
 * scripts and tests call this directly with their own URL.
 */
export function createDatabase(options: DatabaseOptions) {
  const sql = postgres(options.url, {
    max: options.poolMax,
    connect_timeout: options.connectTimeoutSeconds,
    connection: {
      application_name: "taskpilot",
      statement_timeout: options.statementTimeoutMs,
      ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}),
      ...(options.idleInTransactionTimeoutMs
        ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs }
        : {}),
    },
    onnotice: () => {},
  });
  return { sql, db: drizzle({ client: wrapClient(sql, options.observeQuery), schema }) };
}

// On globalThis: Next.js may evaluate this module once per bundle, and every copy must see one scope.
const scopeKey = Symbol.for("taskpilot.transaction-scope");
const transactionScope = ((globalThis as unknown as Record<symbol, AsyncLocalStorage<true>>)[scopeKey] ??=
  new AsyncLocalStorage<true>());

/**
 * Whether the caller runs inside a transaction of a database made here. Code that is about to make a
 * network call checks it: a call made while a transaction holds a connection and its locks would let
 * a slow service exhaust the pool.
 */
export function insideTransaction(): boolean {
  return transactionScope.getStore() === true;
}

export type Database = ReturnType<typeof createDatabase>["db"];

/**
 * Wraps the driver. `begin` and `savepoint` run their callback in the transaction scope and hand it a
 * transaction-bound client that needs the same wrapping. Drizzle's logger sees a query before it runs,
 * never its duration, so timing wraps `unsafe`, which Drizzle calls for every statement.
 */
function wrapClient(sql: Sql, observe: QueryObserver | undefined): Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe" && observe) {
        return (text: string, ...rest: unknown[]) =>
          timed(Reflect.apply(target.unsafe, target, [text, ...rest]), text, observe);
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const callback = args[last] as (tx: Sql) => unknown;
          args[last] = (tx: Sql) => transactionScope.run(true, () => callback(wrapClient(tx, observe)));
          const method = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return Reflect.apply(method, target, args);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/** postgres.js queries are lazy thenables: the clock starts when the query is awaited. */
function timed<T extends PromiseLike<unknown>>(query: T, text: string, observe: QueryObserver): T {
  const then = query.then.bind(query);
  Object.defineProperty(query, "then", {
    configurable: true,
    value: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => {
      const started = performance.now();
      const end = observe(text);
      const finish = (ok: boolean) => end({ ok, durationMs: performance.now() - started });
      return then(
        (value) => {
          finish(true);
          return onFulfilled ? onFulfilled(value) : value;
        },
        (reason) => {
          finish(false);
          if (onRejected) return onRejected(reason);
          throw reason;
        },
      );
    },
  });
  return query;
}

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** What every query takes first: the database, or a transaction so the query joins it. */
export type Db = Database | Transaction;
