import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  route: string;
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run: <T>(context: RequestContext, work: () => T): T => storage.run(context, work),
  current: (): RequestContext | undefined => storage.getStore(),
  /** Records who the request is for, once the session has been checked. */
  setUser(userId: string) {
    const context = storage.getStore();
    if (context) context.userId = userId;
  },
};

const validRequestId = /^[\w.:-]{8,128}$/;

/** A caller's x-request-id is kept when it is a sane token; anything else gets a fresh id. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && validRequestId.test(incoming) ? incoming : crypto.randomUUID();
}
