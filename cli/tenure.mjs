#!/usr/bin/env node
// The `tenure` bin: loads tsx (what `node --import tsx` does for the npm scripts), then the TypeScript CLI.
await import('tsx');
await import('./main.ts');
