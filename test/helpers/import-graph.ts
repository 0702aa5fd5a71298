import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** What a TypeScript file requires at run time: its imports as the compiler emits them (type-only ones elided). */
function runtimeImports(file: string): string[] {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  return [...outputText.matchAll(/\brequire\(["']([^"']+)["']\)|\bimport\(["']([^"']+)["']\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

function resolveLocal(from: string, specifier: string): string {
  if (specifier.endsWith('.json')) return resolve(dirname(from), specifier);
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/**
 * The packages the code reachable from `entries` loads at run time (Node built-ins left out), and
 * the files it reaches, relative to `root`: what a production image must install.
 */
export function runtimePackages(root: string, entries: readonly string[]): { packages: string[]; files: string[] } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = entries.map((entry) => resolve(root, entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // A data file (package.json) is read, not walked.
    if (file.endsWith('.json')) continue;
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) pending.push(resolveLocal(file, specifier));
      else if (!specifier.startsWith('node:') && !BUILTINS.has(packageOf(specifier)))
        packages.add(packageOf(specifier));
    }
  }
  return { packages: [...packages].sort(), files: [...seen].map((f) => relative(root, f)).sort() };
}
