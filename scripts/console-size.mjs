// The console's production bundle size (admin-ui/dist): gzipped and raw, initial (what index.html
// loads) and total (every lazy chunk too). `npm run size:console` after `npm run build:console`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = 'admin-ui/dist';
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]));
const sum = { initial: [0, 0], total: [0, 0] };
for (const f of readdirSync(path.join(dist, 'assets'))) {
  const bytes = readFileSync(path.join(dist, 'assets', f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  sum.total[0] += gz;
  sum.total[1] += bytes.length;
  if (initial.has(`assets/${f}`)) {
    sum.initial[0] += gz;
    sum.initial[1] += bytes.length;
  }
}
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(`initial: ${kb(sum.initial[0])} gzipped (${kb(sum.initial[1])} raw)`);
console.log(`total:   ${kb(sum.total[0])} gzipped (${kb(sum.total[1])} raw)`);
