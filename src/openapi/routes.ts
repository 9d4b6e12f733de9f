// The router built from specs/: operations ordered static-before-parametric, and a table that finds
// the operation a request path names, matching as Express would, in one lookup instead of a walk
// through every route.

import { invalidRequest } from '../errors.js';

const isParameter = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

/**
 * A literal segment must come before a parameter in the same place: GET /v1/customers/{customerId}
 * would otherwise swallow a literal route such as GET /v1/customers/export. Compares segment by
 * segment: a literal sorts before a parameter, then literals alphabetically, then fewer segments first.
 */
export function compareRoutes(a: { method: string; path: string }, b: { method: string; path: string }): number {
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const l = isParameter(left[i]);
    const r = isParameter(right[i]);
    if (l !== r) return l ? 1 : -1;
    if (!l && left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}

export function orderRoutes<T extends { method: string; path: string }>(operations: T[]): T[] {
  return [...operations].sort(compareRoutes);
}

/** How many recent matches a table keeps. */
const RECENT_MATCHES = 1000;

/** A segment of a route: a literal (compared case-insensitively, as Express does) or a named parameter. */
type Segment = { literal: string } | { parameter: string };

interface Route<T> {
  segments: Segment[];
  value: T;
}

export interface RouteMatch<T> {
  value: T;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

/** Express's decoding of a path parameter, with its 400 for broken percent-encoding ("%E2%82"). */
function decodeParameter(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalidRequest(400, `Failed to decode param '${raw}'`);
  }
}

/**
 * Routes by method and number of segments, each list in route order (orderRoutes), so a request
 * is compared with the few routes of its shape only. Matching follows Express's defaults: literal
 * segments ignore case, one trailing slash is allowed, a parameter is one or more characters
 * other than "/", and HEAD is served by GET.
 */
export class RouteTable<T> {
  private readonly routes = new Map<string, Route<T>[]>();
  /** Recent matches by "METHOD path": a test suite asks for the same few paths again and again. */
  private readonly recent = new Map<string, RouteMatch<T> | null>();

  constructor(entries: { method: string; path: string; value: T }[]) {
    for (const { method, path, value } of orderRoutes(entries)) {
      const segments: Segment[] = path
        .split('/')
        .slice(1)
        .map((part) => (isParameter(part) ? { parameter: part.slice(1, -1) } : { literal: part.toLowerCase() }));
      const key = `${method.toLowerCase()} ${segments.length}`;
      let list = this.routes.get(key);
      if (!list) this.routes.set(key, (list = []));
      list.push({ segments, value });
    }
  }

  /**
   * The route `pathname` (still percent-encoded, as in the request line) names, or undefined. The
   * match's params object is shared by later matches of the same path: callers copy it to change it.
   */
  match(method: string, pathname: string): RouteMatch<T> | undefined {
    const key = `${method} ${pathname}`;
    const known = this.recent.get(key);
    if (known !== undefined) return known ?? undefined;
    const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    const parts = path.split('/').slice(1);
    const verb = method.toLowerCase();
    const found = this.find(verb, parts) ?? (verb === 'head' ? this.find('get', parts) : undefined);
    // Bounded: when full, the oldest entry goes (a Map iterates in insertion order).
    if (this.recent.size >= RECENT_MATCHES) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(key, found ? { value: found.value, params: Object.freeze(found.params) } : null);
    return found;
  }

  private find(method: string, parts: string[]): RouteMatch<T> | undefined {
    const candidates = this.routes.get(`${method} ${parts.length}`);
    if (!candidates) return undefined;
    next: for (const route of candidates) {
      for (let i = 0; i < parts.length; i++) {
        const segment = route.segments[i];
        if ('literal' in segment ? parts[i].toLowerCase() !== segment.literal : parts[i] === '') continue next;
      }
      const params: Record<string, string> = {};
      route.segments.forEach((segment, i) => {
        if ('parameter' in segment) params[segment.parameter] = decodeParameter(parts[i]);
      });
      return { value: route.value, params };
    }
    return undefined;
  }
}
