#!/usr/bin/env node
// Entry point of the `rushes` command: loads the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli.ts');
