// Draws the extension's 128x128 icon (a key-policy padlock) into images/icon.png: no image tools needed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const pixels = Buffer.alloc(SIZE * SIZE * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * SIZE + x) * 4;
  pixels[i] = r; pixels[i + 1] = g; pixels[i + 2] = b; pixels[i + 3] = a;
};
const background = [31, 41, 55, 255];
const orange = [255, 153, 0, 255];
const white = [255, 255, 255, 255];
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    // Rounded square.
    const r = 20;
    const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
    const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
    const inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    set(x, y, inside ? background : [0, 0, 0, 0]);
    if (!inside) continue;
    // Shackle: a ring's upper half.
    const d = Math.hypot(x - 64, y - 54);
    if (y <= 58 && d >= 18 && d <= 28) set(x, y, orange);
    if (y > 54 && y <= 66 && ((x >= 36 && x <= 46) || (x >= 82 && x <= 92))) set(x, y, orange);
    // Body.
    if (x >= 28 && x <= 100 && y >= 64 && y <= 108) set(x, y, orange);
    // Keyhole.
    if (Math.hypot(x - 64, y - 80) <= 7 || (x >= 61 && x <= 67 && y >= 80 && y <= 97)) set(x, y, background);
    // A check mark: the policy passes.
    const onCheck = (px, py, qx, qy) => {
      const t = Math.max(0, Math.min(1, ((x - px) * (qx - px) + (y - py) * (qy - py)) / ((qx - px) ** 2 + (qy - py) ** 2)));
      return Math.hypot(x - (px + t * (qx - px)), y - (py + t * (qy - py))) <= 3.2;
    };
    if (onCheck(78, 96, 86, 104) || onCheck(86, 104, 104, 84)) set(x, y, white);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.concat(Array.from({ length: SIZE }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * SIZE * 4, (y + 1) * SIZE * 4)])));
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
