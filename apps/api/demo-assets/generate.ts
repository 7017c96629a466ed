/**
 * Makes the committed demo assets once: `npx tsx apps/api/demo-assets/generate.ts` (needs ffmpeg).
 * The target is a textured portrait (MindAR tracks corners and texture: a flat picture has nothing to
 * track); the video is ffmpeg's test pattern with a caption, in the same 3:4 shape as the print.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';

const width = 480;
const height = 640;

/** mulberry32: the same picture on every run, so that the committed PNG is reproducible. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function drawTarget() {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const next = random(20_261_123);
  const palette = ['#1d3557', '#e63946', '#f1c453', '#2a9d8f', '#264653', '#f4a261', '#ffffff', '#111111'];
  const colour = () => palette[Math.floor(next() * palette.length)] as string;
  ctx.fillStyle = '#f6f1e7';
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 140; i++) {
    ctx.fillStyle = colour();
    const x = next() * width;
    const y = next() * height;
    const size = 8 + next() * 60;
    if (i % 3 === 0) {
      ctx.beginPath();
      ctx.arc(x, y, size / 2, 0, Math.PI * 2);
      ctx.fill();
    } else if (i % 3 === 1) {
      ctx.fillRect(x, y, size, size * (0.3 + next()));
    } else {
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + size, y + size * next());
      ctx.lineTo(x - size * next(), y + size);
      ctx.closePath();
      ctx.fill();
    }
  }
  ctx.lineWidth = 12;
  ctx.strokeStyle = '#111111';
  ctx.strokeRect(6, 6, width - 12, height - 12);
  ctx.fillStyle = '#111111';
  ctx.fillRect(40, 250, 400, 130);
  ctx.fillStyle = '#f1c453';
  ctx.font = 'bold 64px sans-serif';
  ctx.fillText('ARV DEMO', 72, 320);
  ctx.fillStyle = '#ffffff';
  ctx.font = '28px sans-serif';
  ctx.fillText('point your camera here', 90, 362);
  return canvas.toBuffer('image/png');
}

const here = fileURLToPath(new URL('.', import.meta.url));
writeFileSync(`${here}demo-target.png`, drawTarget());
execFileSync('ffmpeg', [
  '-y',
  '-loglevel',
  'error',
  '-f',
  'lavfi',
  '-i',
  'testsrc2=size=360x480:rate=24:duration=6',
  '-vf',
  "drawtext=text='ARV Analytics demo':fontcolor=white:fontsize=30:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=h-60",
  '-c:v',
  'libx264',
  '-profile:v',
  'main',
  '-pix_fmt',
  'yuv420p',
  '-crf',
  '30',
  '-movflags',
  '+faststart',
  '-an',
  `${here}demo-video.mp4`,
]);
