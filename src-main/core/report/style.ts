// The report's stylesheet, inline so the file needs nothing else; prints on A4 as well as on screen.
export const REPORT_CSS = `
:root { --ok: #2e7d32; --bad: #c62828; --warn: #ef6c00; --info: #1565c0; --line: #ccc; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 2rem; color: #222; line-height: 1.4; }
h1 { margin-bottom: .2rem; } .meta { color: #555; margin: .2rem 0; }
section { margin-top: 2rem; } nav a { color: var(--info); }
.topology { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
svg text { font-size: 11px; fill: #222; } svg .title { font-weight: 600; } svg .subtitle { fill: #666; }
svg rect { fill: #f7f7f7; stroke: #888; } svg .client rect { fill: #e3f2fd; } svg .switch rect { fill: #ede7f6; }
svg .nic rect { fill: #fff8e1; } svg .flagged rect { stroke: var(--bad); stroke-width: 2; } svg text.flagged { fill: var(--bad); font-weight: 600; }
svg .cable { stroke: #555; } svg .link { stroke: #7b1fa2; stroke-width: 2; fill: none; stroke-dasharray: 4 2; }
.badge { display: inline-block; padding: 0 .4em; border-radius: 3px; color: #fff; font-size: .8em; text-transform: uppercase; background: #777; }
.error > .badge, .failed > .badge, .lost > .badge, h3 .badge { background: var(--bad); } .warning > .badge { background: var(--warn); }
.info > .badge { background: var(--info); } .passed > h3 .badge, .ok > .badge { background: var(--ok); }
.checks > li { margin-bottom: 1rem; } .elements { color: #555; font-size: .9em; } .remedies { font-size: .9em; }
.drill { border-top: 1px solid var(--line); padding-top: .5rem; } .steps time { font-family: monospace; color: #555; }
table { border-collapse: collapse; } td, th { padding: .2rem .5rem; text-align: left; vertical-align: middle; }
.vms td { border-bottom: 1px solid #eee; } .vms td:nth-child(3) { white-space: nowrap; } .vms tr.failed td:first-child { color: var(--bad); font-weight: 600; }
rect.up { fill: var(--ok); stroke: none; } rect.down { fill: var(--bad); stroke: none; } rect.planned { fill: #9e9e9e; stroke: none; } line.step { stroke: #000; stroke-width: 1; }
.diagnosis { background: #fff3f3; border-left: 4px solid var(--bad); padding: .3rem 1rem; margin: .5rem 0; }
.heatmap { font-size: .85em; } .heatmap th { font-weight: 600; } .heatmap td { text-align: center; min-width: 4.5em; border: 1px solid #fff; }
.heat0 { background: #c8e6c9; } .heat1 { background: #ffcdd2; } .heat2 { background: #ef9a9a; } .heat3 { background: #e53935; color: #fff; } .none { background: #f5f5f5; }
.groups li { margin-bottom: .3rem; }
details.state { margin: .5rem 0; } table.state { display: inline-table; margin: .3rem 1.5rem .3rem 0; font-size: .85em; vertical-align: top; }
table.state caption { text-align: left; font-weight: 600; } table.state td { font-family: monospace; border-bottom: 1px solid #eee; }
@media print { body { max-width: none; } .topology { overflow: visible; } }
`;
