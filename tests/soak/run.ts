// `npm run soak`: the long runs of the crash test and the fuzzers, one JSON line of figures each.
// Seeds are fixed, so a failure found here reproduces; `vitest` runs a small slice of each.
import { killDuringSave } from './kill-during-save.js';
import { fuzzLabBytes, fuzzLabDocuments, fuzzLabRows } from './mutants.js';
import { soakMalformedFrames } from './malformed-frames.js';

const count = (name: string, fallback: number) => Number(process.env[`SOAK_${name}`] ?? fallback);
const KILLS = count('KILLS', 1000);
const MUTANTS = count('MUTANTS', 10_000);
const FRAMES = count('FRAMES', 10_000);
const LARGE_FRAMES = count('LARGE_FRAMES', 20);

/** SOAK_ONLY=lab-file-bytes,malformed-websocket-frames runs only those. */
const only = process.env.SOAK_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);

let failed = false;
function report(name: string, started: number, figures: { failures?: string[] } & Record<string, unknown>, ok: boolean): void {
  const { failures = [], ...rest } = figures;
  failed ||= !ok || failures.length > 0;
  process.stdout.write(`${JSON.stringify({ soak: name, ...rest, failures: failures.length, firstFailures: failures.slice(0, 5), seconds: Math.round((Date.now() - started) / 100) / 10, ok: ok && !failures.length })}\n`);
}

let started = Date.now();
if (wanted('kill-during-save')) {
  const kills = await killDuringSave(KILLS, 20261201);
  report('kill-during-save', started, { ...kills }, kills.damaged === 0 && kills.leftovers === 0);
}

for (const [name, fuzz, seed] of [['lab-file-bytes', fuzzLabBytes, 1], ['lab-file-rows', fuzzLabRows, 2], ['lab-documents', fuzzLabDocuments, 3]] as const) {
  if (!wanted(name)) continue;
  started = Date.now();
  report(name, started, { ...fuzz(MUTANTS, seed) }, true);
}

if (wanted('malformed-websocket-frames')) {
  started = Date.now();
  const frames = await soakMalformedFrames(FRAMES, 4, LARGE_FRAMES);
  report('malformed-websocket-frames', started, { ...frames }, !frames.hostExited && frames.healthFailures === 0);
}

process.exitCode = failed ? 1 : 0;
