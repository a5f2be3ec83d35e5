// node tests/_crop.mjs in.png out.png y height [width]
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const [inp, out, y, hgt, w] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', chromiumSandbox: false, args: ['--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(w ?? 1400), height: 800 } });
await p.setContent(`<body style="margin:0"><img src="data:image/png;base64,${readFileSync(inp).toString('base64')}"></body>`);
await p.screenshot({ path: out, clip: { x: 0, y: Number(y), width: Number(w ?? 1400), height: Number(hgt) } , fullPage: true});
await b.close();
