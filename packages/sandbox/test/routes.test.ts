// The sandbox's routes are core's operations table: every operation of every client reaches a route with
// its method and path, and the route's label is that operation or one sharing its method and path.
import { commonOperations, inStoreOperations, webStoreOperations } from '@amazon-pay-edge/core/internal';
import { describe, expect, it } from 'vitest';
import { matchRoute, ROUTES } from '../src/routes.js';

const operations = Object.entries({ ...commonOperations, ...webStoreOperations, ...inStoreOperations });

describe('sandbox routes', () => {
  it.each(operations)('%s has a route with its method and path', (name, { method, path }) => {
    const segments = path.split('/').map((part) => (part.startsWith('{') ? `id-${part.slice(1, -1)}` : part));
    const { route, params } = matchRoute(method, segments);
    expect(route.method).toBe(method);
    expect(route.path).toBe(path.replace(/\{(\w+)\}/g, ':$1'));
    const sharing = operations.filter(([, o]) => o.method === method && o.path === path).map(([n]) => n);
    expect(sharing).toContain(route.operation);
    expect(sharing).toContain(name);
    for (const [key, value] of Object.entries(params)) expect(value).toBe(`id-${key}`);
  });

  it("labels In-Store calls with core's names and has no route outside the table", () => {
    expect(ROUTES.find((r) => r.path === 'in-store/charge')?.operation).toBe('charge');
    expect(ROUTES.find((r) => r.path === 'in-store/refund')?.operation).toBe('refund');
    expect(
      ROUTES.find((r) => r.method === 'DELETE' && r.path === 'merchantAccounts/:merchantAccountId')?.operation,
    ).toBe('deleteAmazonPayAccount');
    const names = new Set(operations.map(([n]) => n));
    for (const route of ROUTES) expect(names.has(route.operation), route.operation).toBe(true);
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length);
  });
});
