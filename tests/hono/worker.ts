// workerd entry: runs the Hono checks inside the Worker, with the Worker's own ExecutionContext.
import { checkHono } from './check.js';

export default {
  async fetch(_request: Request, _env: unknown, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<Response> {
    return Response.json(await checkHono(ctx));
  },
};
