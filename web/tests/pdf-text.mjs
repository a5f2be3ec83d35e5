// The text of a PDF that Chromium printed (page.pdf()), without a PDF library: its streams are
// Flate-compressed and its fonts Type0 with 2-byte glyph codes, mapped back to characters by
// each font's ToUnicode CMap. Enough for the tests to check what a printed report says; not a
// general PDF reader (no object streams, no encryption). Each text object ends with '\n'.
import { inflateSync } from 'node:zlib';

/** Every `N 0 obj … endobj`: its dictionary text and its stream (inflated when Flate). */
function objects(buffer) {
  const text = buffer.toString('latin1');
  const found = new Map();
  const header = /(\d+)\s+0\s+obj\b/g;
  let m;
  while ((m = header.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const at = body.indexOf('stream');
    let dict = body;
    let stream = null;
    if (at >= 0 && body.slice(0, at).includes('<<')) {
      dict = body.slice(0, at);
      let from = start + at + 'stream'.length;
      if (text[from] === '\r') from += 1;
      if (text[from] === '\n') from += 1;
      const to = text.lastIndexOf('endstream', end);
      let raw = buffer.subarray(from, to);
      if (/\/FlateDecode/.test(dict)) {
        try {
          raw = inflateSync(raw);
        } catch {
          try {
            raw = inflateSync(raw.subarray(0, Math.max(0, raw.length - 1)));
          } catch {
            raw = Buffer.alloc(0);
          }
        }
      }
      stream = raw.toString('latin1');
    }
    found.set(Number(m[1]), { dict, stream });
    header.lastIndex = end;
  }
  return found;
}

const hexToCodes = (hex, width) => {
  const clean = hex.replace(/\s+/g, '');
  const codes = [];
  for (let i = 0; i + width <= clean.length; i += width) codes.push(parseInt(clean.slice(i, i + width), 16));
  return codes;
};
const hexToText = (hex) => String.fromCodePoint(...hexToCodes(hex, 4));

/** A ToUnicode CMap: glyph code → text. */
function cmapOf(source) {
  const map = new Map();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(from, 16), hexToText(to));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const first = parseInt(lo, 16);
      const last = parseInt(hi, 16);
      if (rest.startsWith('[')) {
        [...rest.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, to], i) => map.set(first + i, hexToText(to)));
      } else {
        const base = hexToCodes(rest.slice(1, -1), 4);
        for (let code = first; code <= last; code++) {
          const chars = [...base];
          chars[chars.length - 1] += code - first;
          map.set(code, String.fromCodePoint(...chars));
        }
      }
    }
  }
  return map;
}

/** The text of every page, in content order. */
export function pdfText(buffer) {
  const objs = objects(buffer);
  const ref = (value) => Number(/(\d+)\s+0\s+R/.exec(value ?? '')?.[1]);
  // Font resource names (/F1 …) → the font's CMap, from every font dictionary of every page.
  const cmaps = new Map();
  const fontOf = (num) => {
    const font = objs.get(num);
    const unicode = ref(/\/ToUnicode\s+(\d+\s+0\s+R)/.exec(font?.dict ?? '')?.[1]);
    const cmap = objs.get(unicode)?.stream;
    return cmap ? cmapOf(cmap) : null;
  };
  for (const { dict } of objs.values()) {
    const fonts = /\/Font\s*<<([\s\S]*?)>>/.exec(dict);
    const inline = fonts?.[1] ?? (() => {
      const indirect = ref(/\/Font\s+(\d+\s+0\s+R)/.exec(dict)?.[1]);
      return objs.get(indirect)?.dict ?? '';
    })();
    for (const [, name, num] of inline.matchAll(/\/([^\s/<>]+)\s+(\d+)\s+0\s+R/g)) {
      if (!cmaps.has(name)) {
        const cmap = fontOf(Number(num));
        if (cmap) cmaps.set(name, cmap);
      }
    }
  }
  const pages = [];
  for (const { dict, stream } of objs.values()) {
    if (!stream || !/\bTf\b/.test(stream) || /\/Subtype\s*\/(Image|Type1C|CIDFontType0C|OpenType)|\/Length1/.test(dict)) continue;
    let font = null;
    let out = '';
    const tokens = /\/([^\s/<>[\]()]+)\s+[-\d.]+\s+Tf|<([0-9a-fA-F\s]*)>\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|\b(T\*|Td|TD|Tm|ET)\b/g;
    let t;
    const show = (hex) => {
      const map = font && cmaps.get(font);
      for (const code of hexToCodes(hex, 4)) out += map?.get(code) ?? '';
    };
    while ((t = tokens.exec(stream))) {
      if (t[1]) font = t[1];
      else if (t[2] !== undefined) show(t[2]);
      else if (t[3] !== undefined) {
        for (const part of t[3].matchAll(/<([0-9a-fA-F\s]*)>|(-?[\d.]+)/g)) {
          if (part[1] !== undefined) show(part[1]);
          else if (Number(part[2]) < -200) out += ' ';
        }
      } else if (t[4] === 'ET' && !out.endsWith('\n')) {
        // Chromium places glyphs one by one (Td) and writes spaces as glyphs: only the end of
        // a text object (one element's run of text) is a break.
        out += '\n';
      }
    }
    pages.push(out);
  }
  // Ligatures (« ﬀ ») back to letters.
  return pages.join('\n').normalize('NFKC');
}

/** How many pages the PDF has. */
export function pdfPageCount(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g) ?? []).length;
}
