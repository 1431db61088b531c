#!/usr/bin/env node
// Draws the app and `.lab` file icons (no image tools needed): build/icon.png, build/lab.png,
// and lab.ico / lab.icns wrapping the PNG for the file association on Windows and macOS.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function png(size, paint) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(x / size, y / size);
      rows.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const CLEAR = [0, 0, 0, 0];
const NAVY = [22, 52, 96, 255];
const WHITE = [255, 255, 255, 255];
const AMBER = [245, 166, 35, 255];
const PAPER = [246, 247, 250, 255];
const FOLD = [205, 212, 224, 255];

const inRoundedRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const nearSegment = (x, y, ax, ay, bx, by, w) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= w * w;
};

/** Two hosts cabled to one switch, one cable amber: the path a drill follows. Coordinates 0..1 in the box. */
function topology(x, y, ink) {
  if (inRoundedRect(x, y, 0.1, 0.12, 0.42, 0.34, 0.04) || inRoundedRect(x, y, 0.58, 0.12, 0.9, 0.34, 0.04)) return ink;
  if (inRoundedRect(x, y, 0.22, 0.7, 0.78, 0.86, 0.04)) return ink;
  if (nearSegment(x, y, 0.26, 0.34, 0.4, 0.7, 0.035)) return ink;
  if (nearSegment(x, y, 0.74, 0.34, 0.6, 0.7, 0.035)) return AMBER;
  return null;
}

const appIcon = (x, y) => {
  if (!inRoundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18)) return CLEAR;
  return topology((x - 0.12) / 0.76, (y - 0.1) / 0.76, WHITE) ?? NAVY;
};

const labFileIcon = (x, y) => {
  const fold = 0.26;
  const inPage = x >= 0.16 && x <= 0.84 && y >= 0.06 && y <= 0.94 && !(x > 0.84 - fold && y < 0.06 + fold && x - (0.84 - fold) > y - 0.06);
  if (!inPage) return CLEAR;
  if (x > 0.84 - fold && y < 0.06 + fold) return FOLD;
  return topology((x - 0.22) / 0.56, (y - 0.36) / 0.5, NAVY) ?? PAPER;
};

function ico(pngData, size) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(pngData.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, pngData]);
}

function icns(entries) {
  const parts = entries.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

mkdirSync(out, { recursive: true });
const app512 = png(512, appIcon);
const lab512 = png(512, labFileIcon);
const lab256 = png(256, labFileIcon);
writeFileSync(path.join(out, 'icon.png'), app512);
writeFileSync(path.join(out, 'lab.png'), lab512);
writeFileSync(path.join(out, 'lab.ico'), ico(lab256, 256));
writeFileSync(path.join(out, 'lab.icns'), icns([['ic08', lab256], ['ic09', lab512]]));
process.stdout.write(`icons written to ${out}\n`);
