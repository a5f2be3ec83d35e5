// The initial JavaScript of the web app (the scripts dist/app/index.html loads, and what they
// import statically), gzipped. Usage: node tests/bundle-size.mjs [budget in KB, default 250]
// Exits 1 over the budget (deterministic: a size, not a timing).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budget = Number(process.argv[2] ?? 250) * 1024;
const html = readFileSync('dist/app/index.html', 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="\/app\/([^"]+)"/g), ...html.matchAll(/<link rel="modulepreload"[^>]+href="\/app\/([^"]+)"/g)].map((m) => m[1]);
let total = 0;
for (const file of new Set(scripts)) {
  const size = gzipSync(readFileSync(`dist/app/${file}`), { level: 9 }).length;
  total += size;
  console.log(`${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${budget / 1024} KB)`);
process.exit(total <= budget ? 0 : 1);
