#!/usr/bin/env node
// The `braid` command: runs the TypeScript sources directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/main.ts');
