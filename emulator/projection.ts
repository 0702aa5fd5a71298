/** The `attributes` and `excludedAttributes` parameters (RFC 7644 §3.4.2.5). */
import { resolveKey } from './resource';

type Doc = Record<string, unknown>;

const isObject = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A requested attribute: where it lives, its name, and an optional sub-attribute. */
interface Selector {
  container?: string;
  name?: string;
  sub?: string;
}

function selectors(list: string | undefined): Selector[] {
  if (!list) return [];
  const out: Selector[] = [];
  for (const item of list.split(',').map((s) => s.trim())) {
    const resolved = item ? resolveKey(item) : undefined;
    if (!resolved) continue;
    if (resolved.kind === 'extension') {
      out.push({ container: resolved.schema.id });
      continue;
    }
    const sub = /^\.([^.[\]]+)$/.exec(resolved.rest)?.[1];
    if (resolved.rest !== '' && sub === undefined) continue;
    const subDef =
      sub === undefined
        ? undefined
        : resolved.attribute.subAttributes?.find((s) => s.name.toLowerCase() === sub.toLowerCase());
    out.push({
      container: resolved.kind === 'extensionAttribute' ? resolved.schema.id : undefined,
      name: resolved.attribute.name,
      ...(subDef ? { sub: subDef.name } : {}),
    });
  }
  return out;
}

function pick(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) return (value as unknown[]).map((el) => (isObject(el) ? { [sub]: el[sub] } : el));
  return isObject(value) && value[sub] !== undefined ? { [sub]: value[sub] } : undefined;
}

/**
 * Returns `resource` reduced to `attributes` (plus `schemas` and `id`, which are always returned),
 * or without `excludedAttributes`; unknown names are ignored.
 */
export function projectAttributes(resource: Doc, attributes?: string, excludedAttributes?: string): Doc {
  const wanted = selectors(attributes);
  let out: Doc = resource;
  if (wanted.length > 0) {
    out = { schemas: resource.schemas, id: resource.id };
    for (const { container, name, sub } of wanted) {
      const source = container ? resource[container] : resource;
      if (!isObject(source)) continue;
      const value = name === undefined ? source : sub ? pick(source[name], sub) : source[name];
      if (value === undefined) continue;
      if (!container)
        out[name!] = isObject(out[name!]) && isObject(value) ? { ...(out[name!] as Doc), ...value } : value;
      else if (name === undefined) out[container] = value;
      else out[container] = { ...(isObject(out[container]) ? out[container] : {}), [name]: value };
    }
  }
  const excluded = selectors(excludedAttributes);
  if (excluded.length === 0) return out;
  out = structuredClone(out);
  for (const { container, name, sub } of excluded) {
    const holder = container ? out[container] : out;
    if (!isObject(holder)) continue;
    if (name === undefined) delete out[container!];
    // `id` is returned always (RFC 7643 §3.1), whatever is excluded.
    else if (name === 'id' && !container) continue;
    else if (!sub) delete holder[name];
    else if (Array.isArray(holder[name])) (holder[name] as unknown[]).forEach((el) => isObject(el) && delete el[sub]);
    else if (isObject(holder[name])) delete holder[name][sub];
  }
  return out;
}
