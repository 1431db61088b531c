// `npm run bench`: every performance figure the issues ask for, one JSON line each, with the ns-3
// peer run side by side on the same machine for the fabric workload.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { readLab } from '../../src-main/core/lab.js';
import { runDrills } from '../../src-main/core/drills/runner.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const peerScript = join(root, '..', 'shared', 'bench', 'ns3', 'run.sh');
const only = process.argv.slice(2);
const wants = (name: string) => only.length === 0 || only.includes(name);

function emit(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function ours(hosts: number, vms: number, seconds: number, { teams = false, vlan }: { teams?: boolean; vlan?: number } = {}) {
  const args = ['bench', 'fabric', '--hosts', `${hosts}`, '--vms', `${vms}`, '--seconds', `${seconds}`, ...(teams ? ['--teams'] : []), ...(vlan === undefined ? [] : ['--vlan', `${vlan}`])];
  const out = execFileSync(process.execPath, [join(root, 'bin/lab-planner.js'), ...args], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function peer(hosts: number, vms: number, seconds: number) {
  if (process.env.LAB_PLANNER_BENCH_NO_PEER === '1' || !existsSync(peerScript)) return null;
  const run = spawnSync('bash', [peerScript, `--hosts=${hosts}`, `--vms=${vms}`, `--seconds=${seconds}`], { encoding: 'utf8', timeout: 900_000 });
  if (run.status !== 0) return { error: (run.stderr || 'the ns-3 peer did not run').trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  if (wants('fabric')) {
    for (const [hosts, vms, seconds] of [
      [16, 16, 60],
      [32, 32, 30],
      [64, 32, 30],
    ]) {
      const mine = ours(hosts, vms, seconds);
      // The same fabric with VLAN 20 on every port: tagged VM ports, trunks to the hosts, an access port to the client.
      const tagged = ours(hosts, vms, seconds, { vlan: 20 });
      const theirs = peer(hosts, vms, seconds);
      const ratio = theirs && !('error' in theirs) ? theirs.wallSeconds / mine.wallSeconds : null;
      const ratioTagged = theirs && !('error' in theirs) ? theirs.wallSeconds / tagged.wallSeconds : null;
      emit({
        bench: 'fabric',
        size: `${hosts}x${vms}x${seconds}`,
        ours: mine,
        ns3: theirs,
        wallRatioNs3OverOurs: ratio === null ? null : Number(ratio.toFixed(2)),
        oursWithVlans: tagged,
        wallRatioNs3OverOursWithVlans: ratioTagged === null ? null : Number(ratioTagged.toFixed(2)),
        oursWithVlansAnsweredEveryPing: tagged.replies === tagged.pingsSent,
        wallMicrosecondsPerPing: Number(((mine.wallSeconds * 1e6) / mine.pingsSent).toFixed(2)),
        oursAnsweredEveryPing: mine.replies === mine.pingsSent,
        // The peer staggers VM i by i ms and stops at T + 2 s, so at 64x32 its last echoes are never sent.
        ns3AnsweredEveryPing: theirs === null || 'error' in theirs ? null : theirs.replies === theirs.pingsSent,
        target: 'ratio >= 5; peak memory < 300 MB at 64x32',
      });
      // The same workload with every host on a two-member load-balanced team (Hyper-V Port), against the same peer run.
      const teamed = ours(hosts, vms, seconds, { teams: true });
      const teamedRatio = theirs && !('error' in theirs) ? theirs.wallSeconds / teamed.wallSeconds : null;
      emit({
        bench: 'fabric-load-balanced-teams',
        size: `${hosts}x${vms}x${seconds}`,
        ours: teamed,
        wallRatioNs3OverOurs: teamedRatio === null ? null : Number(teamedRatio.toFixed(2)),
        oursAnsweredEveryPing: teamed.replies === teamed.pingsSent,
        target: 'ratio >= 5',
      });
    }
  }

  if (wants('fabric') || wants('linearity')) {
    // Same fabric, more simulated time: wall time should grow in step with the number of pings.
    const series = [15, 30, 60, 120].map((seconds) => ours(32, 32, seconds));
    const perPing = series.map((r) => (r.wallSeconds * 1e6) / r.pingsSent);
    emit({
      bench: 'fabric-linearity',
      size: '32x32',
      pings: series.map((r) => r.pingsSent),
      wallSeconds: series.map((r) => r.wallSeconds),
      wallMicrosecondsPerPing: perPing.map((x) => Number(x.toFixed(2))),
      // Start-up (JIT, building the network) is fixed; each further ping should cost the same.
      marginalMicrosecondsPerPing: series
        .slice(1)
        .map((r, i) => Number((((r.wallSeconds - series[i].wallSeconds) * 1e6) / (r.pingsSent - series[i].pingsSent)).toFixed(2))),
      peakRssMb: series.map((r) => r.peakRssMb),
    });
  }

  if (wants('drills')) {
    const parsed = readLab(JSON.parse(readFileSync(join(root, 'examples/field-report.lab.json'), 'utf8')));
    if (!parsed.ok) throw new Error('the field-report example does not parse');
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      runDrills(parsed.lab);
      times.push(performance.now() - t0);
    }
    emit({ bench: 'field-report-drills', drills: parsed.lab.drills.length, medianMs: Number(median(times).toFixed(2)), firstRunMs: Number(times[0].toFixed(2)), target: 'all drills < 100 ms' });
  }

  // Benchmarks of the other areas: each tests/bench/<name>.ts exports bench().
  for (const file of readdirSync(join(root, 'tests/bench')).filter((f) => f.endsWith('.ts') && f !== 'run.ts').sort()) {
    const name = file.replace(/\.ts$/, '');
    if (!wants(name)) continue;
    try {
      const mod = await import(pathToFileURL(join(root, 'tests/bench', file)).href);
      emit({ bench: name, ...(await mod.bench()) });
    } catch (error) {
      emit({ bench: name, error: error instanceof Error ? error.message : String(error) });
      process.exitCode = 1;
    }
  }
}

await main();
