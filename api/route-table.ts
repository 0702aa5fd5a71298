/**
 * The methods declared for each route pattern, so that a request for a path that exists, with a
 * method it does not take, is a 405 with `Allow` rather than a 404.
 */
export class RouteTable {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byUrl = new Map<string, Set<string>>();

  /** Records a route as Fastify registers it (`/v1/employees/:employeeId`, one or several methods). */
  add(url: string, methods: string | readonly string[]): void {
    let known = this.byUrl.get(url);
    if (!known) {
      known = new Set();
      this.byUrl.set(url, known);
      this.routes.push({ pattern: patternOf(url), methods: known });
    }
    for (const method of typeof methods === 'string' ? [methods] : methods) known.add(method.toUpperCase());
  }

  /** The methods some route declares for this concrete path (no query string), sorted; empty when none matches. */
  methodsFor(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) {
      if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    }
    return [...methods].sort();
  }
}

/** `/v1/employees/:employeeId` → a regex that matches one path segment per parameter. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) return '[^/]+';
      if (segment === '*') return '.*';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}
