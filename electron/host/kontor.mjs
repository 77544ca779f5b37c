#!/usr/bin/env node
// The `kontor` command. The CLI is TypeScript run through tsx, so the same
// sources serve the app and scripted jobs without a separate build.
import { register } from 'tsx/esm/api';

register();
await import('./cli-main.ts');
