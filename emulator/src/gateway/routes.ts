// The operations of the bundled contract as the gateway sees them: a method and a path template each,
// matched against the raw request target. Derived from the contract, so a new operation needs no change here.
import { isObject, resolveRef, type Json, type JsonObject } from '../../../scripts/json.ts';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Route {
  method: string;
  /** The contract's path template, e.g. `/v2/{project_id}/fgs/workflows/{workflow_id}/executions`. */
  template: string;
  operation: JsonObject;
  /** Literal segments as text; a `{parameter}` segment as undefined. */
  segments: Array<string | undefined>;
}

export type RouteMatch = { route: Route } | { unknown: 'path' | 'method' };

export function contractRoutes(contract: JsonObject): Route[] {
  const routes: Route[] = [];
  for (const [template, rawItem] of Object.entries(contract.paths as JsonObject)) {
    const item = resolveRef(contract, rawItem) as JsonObject;
    const segments = template.split('/').map((segment) => (/^\{[^}]+\}$/.test(segment) ? undefined : segment));
    for (const method of methods) {
      if (isObject(item[method])) routes.push({ method: method.toUpperCase(), template, operation: item[method], segments });
    }
  }
  return routes;
}

/**
 * The route for a method and a raw path (still percent-encoded). A parameter matches any one segment,
 * even an empty one, which Prism then reports as a missing parameter. Where two templates match, the
 * one with more literal segments wins.
 */
export function matchRoute(routes: readonly Route[], method: string, rawPath: string): RouteMatch {
  const segments = rawPath.split('/');
  let pathFound = false;
  let best: Route | undefined;
  let bestLiterals = -1;
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    if (!route.segments.every((literal, i) => literal === undefined || literal === segments[i])) continue;
    pathFound = true;
    if (route.method !== method) continue;
    const literals = route.segments.filter((literal) => literal !== undefined).length;
    if (literals > bestLiterals) [best, bestLiterals] = [route, literals];
  }
  if (best) return { route: best };
  return { unknown: pathFound ? 'method' : 'path' };
}

/** The value of the first named example of an operation's documented answer with this status, if any. */
export function documentedExample(contract: JsonObject, operation: JsonObject, status: number): JsonObject | undefined {
  const raw = (operation.responses as JsonObject | undefined)?.[String(status)];
  if (raw === undefined) return undefined;
  const content = (resolveRef(contract, raw) as JsonObject).content as JsonObject | undefined;
  const media = content?.['application/json'] as JsonObject | undefined;
  const [first] = Object.values((media?.examples as JsonObject | undefined) ?? {});
  const value = first === undefined ? undefined : (resolveRef(contract, first as Json) as JsonObject).value;
  return isObject(value) ? value : undefined;
}
