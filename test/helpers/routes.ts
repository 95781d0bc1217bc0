/** Lists every route the app mounts, as "METHOD /path", by walking Express's router stack. */
import type { Express } from 'express';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function walk(stack: Layer[], found: Set<string>): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, enabled] of Object.entries(layer.route.methods)) {
        if (enabled && method !== '_all') found.add(`${method.toUpperCase()} ${layer.route.path}`);
      }
    } else if (layer.handle?.stack) {
      // Routers are mounted at the root, so their route paths are already whole.
      walk(layer.handle.stack, found);
    }
  }
}

export function mountedRoutes(app: Express): string[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  const found = new Set<string>();
  walk(router.stack, found);
  return [...found].sort();
}
