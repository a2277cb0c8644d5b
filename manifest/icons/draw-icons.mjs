// Draws the Teams app icons with no dependencies beyond Node itself:
//   ../color.png    192x192, full colour: a white speech bubble with a spark on the brand indigo
//   ../outline.png   32x32, white on transparent: the same bubble with the spark cut out
//
//   node manifest/icons/draw-icons.mjs
//
// Shapes are described in the icon's own units and sampled 8x8 times per pixel, so edges come out smooth. The PNG
// writer picks a filter per row the way encoders usually do (least sum of absolute differences) and deflates with zlib.

import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const Brand = [0x43, 0x38, 0xca];     // indigo, the manifest's accentColor
const BrandDeep = [0x31, 0x2e, 0x81];
const Spark = [0xf5, 0x9e, 0x0b];     // amber
const White = [0xff, 0xff, 0xff];
const Samples = 8;

// ---- shapes: each is (x, y) => true when the point is inside ----

function roundedRect(cx, cy, halfWidth, halfHeight, radius) {
    return (x, y) => {
        const dx = Math.abs(x - cx), dy = Math.abs(y - cy);
        if (dx > halfWidth || dy > halfHeight) return false;
        const ex = Math.max(dx - (halfWidth - radius), 0), ey = Math.max(dy - (halfHeight - radius), 0);
        return ex * ex + ey * ey <= radius * radius;
    };
}

function triangle(a, b, c) {
    const side = (p, q, x, y) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    return (x, y) => {
        const s1 = side(a, b, x, y), s2 = side(b, c, x, y), s3 = side(c, a, x, y);
        return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
    };
}

// A four-pointed spark with curved sides: |dx|^0.5 + |dy|^0.5 <= r^0.5.
function spark(cx, cy, radius) {
    const limit = Math.sqrt(radius);
    return (x, y) => Math.sqrt(Math.abs(x - cx)) + Math.sqrt(Math.abs(y - cy)) <= limit;
}

const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));

// ---- rendering: layers painted in order, each a shape with a colour (or null to cut back to transparent) ----

function render(size, units, background, layers) {
    const rgba = new Float64Array(size * size * 4);
    const scale = units / size;
    for (let py = 0; py < size; py++) {
        for (let px = 0; px < size; px++) {
            let r = 0, g = 0, b = 0, a = 0;
            for (let sy = 0; sy < Samples; sy++) {
                for (let sx = 0; sx < Samples; sx++) {
                    const x = (px + (sx + 0.5) / Samples) * scale, y = (py + (sy + 0.5) / Samples) * scale;
                    let colour = background ? background(x, y) : null;
                    for (const [shape, fill] of layers) {
                        if (shape(x, y)) colour = fill;
                    }
                    if (colour) {
                        r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
                    }
                }
            }
            const i = (py * size + px) * 4, n = Samples * Samples;
            // Average colour over the covered samples only, so edges fade in alpha, never towards black.
            rgba[i] = a ? r / a : 255; rgba[i + 1] = a ? g / a : 255; rgba[i + 2] = a ? b / a : 255; rgba[i + 3] = (a / n) * 255;
        }
    }
    return Uint8Array.from(rgba, (v) => Math.round(v));
}

// ---- PNG writing ----

const CrcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});

function crc32(bytes) {
    let c = 0xffffffff;
    for (const byte of bytes) c = CrcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "ascii");
    Buffer.from(data).copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
}

function paeth(a, b, c) {
    const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// Filters 0-4 of the PNG spec; each row gets the one whose output has the least sum of absolute (signed) values.
function filterRows(pixels, width, height, channels) {
    const stride = width * channels;
    const out = Buffer.alloc(height * (stride + 1));
    for (let y = 0; y < height; y++) {
        const row = pixels.subarray(y * stride, (y + 1) * stride);
        const above = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
        let best = null, bestCost = Infinity, bestType = 0;
        for (let type = 0; type <= 4; type++) {
            const filtered = new Uint8Array(stride);
            let cost = 0;
            for (let i = 0; i < stride; i++) {
                const left = i >= channels ? row[i - channels] : 0;
                const up = above[i];
                const upLeft = i >= channels ? above[i - channels] : 0;
                const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type];
                filtered[i] = (row[i] - predictor) & 0xff;
                cost += filtered[i] < 128 ? filtered[i] : 256 - filtered[i];
            }
            if (cost < bestCost) {
                best = filtered; bestCost = cost; bestType = type;
            }
        }
        out[y * (stride + 1)] = bestType;
        Buffer.from(best).copy(out, y * (stride + 1) + 1);
    }
    return out;
}

function png(width, height, rgba, { alpha }) {
    const channels = alpha ? 4 : 3;
    const pixels = alpha ? rgba : rgba.filter((_, i) => i % 4 !== 3);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8;                 // bit depth
    header[9] = alpha ? 6 : 2;     // colour type: RGBA or RGB
    header[10] = 0; header[11] = 0; header[12] = 0;
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk("IHDR", header),
        chunk("IDAT", deflateSync(filterRows(pixels, width, height, channels), { level: 9 })),
        chunk("IEND", new Uint8Array(0)),
    ]);
}

// ---- the icons ----

// The colour icon in 192 units: a soft diagonal indigo gradient, a white bubble with its tail at the lower left,
// an amber spark in the bubble and a small one at its upper right corner.
function colorIcon() {
    const gradient = (x, y) => {
        const t = Math.min(Math.max((x + y) / 384, 0), 1);
        return Brand.map((c, i) => c + (BrandDeep[i] - c) * t);
    };
    const bubble = union(roundedRect(96, 88, 56, 42, 20), triangle([62, 118], [92, 118], [52, 150]));
    return render(192, 192, gradient, [
        [bubble, White],
        [spark(96, 88, 27), Spark],
        [spark(146, 42, 12), Spark],
    ]);
}

// The outline icon in 32 units: the bubble in white, the spark cut out so the background shows through.
function outlineIcon() {
    const bubble = union(roundedRect(16, 14, 15, 11.5, 5), triangle([7, 22], [14, 22], [5, 30.5]));
    const pixels = render(32, 32, null, [
        [bubble, White],
        [spark(16, 14, 8.5), null],
    ]);
    for (let i = 0; i < pixels.length; i += 4) {
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 255; // white only: alpha alone carries the shape
    }
    return pixels;
}

const manifestFolder = join(dirname(fileURLToPath(import.meta.url)), "..");
writeFileSync(join(manifestFolder, "color.png"), png(192, 192, colorIcon(), { alpha: false }));
writeFileSync(join(manifestFolder, "outline.png"), png(32, 32, outlineIcon(), { alpha: true }));
console.log(`Wrote ${join(manifestFolder, "color.png")} and ${join(manifestFolder, "outline.png")}`);
