/** The window's production JavaScript, gzipped. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'vitest';
import { figuresOf, ROOT } from './figures';

const record = figuresOf(__filename);

test('renderer: production JavaScript, gzipped', () => {
  const assets = join(ROOT, 'out/renderer/assets');
  const bytes = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name))).length, 0);
  record('renderer JS, gzipped', bytes / 1000, 'KB', { atMost: 250 }, 1);
});

