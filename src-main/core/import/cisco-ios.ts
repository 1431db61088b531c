// Cabling from the switch side: Cisco IOS `show mac address-table`, `show lldp neighbors detail` and
// `show cdp neighbors detail` as pasted into a text file. Pure: text in, observations out.
import { isMac, normaliseMac } from '../../../shared/addresses.js';
import { ImportError } from './powershell-json.js';

export interface MacTableEntry {
  port: number;
  interfaceName: string;
  mac: string;
}

export interface Neighbour {
  port: number;
  interfaceName: string;
  /** LLDP System Name / CDP Device ID, without its domain: "HostA", "switch2". */
  systemName: string;
  /** LLDP Port Description: what the far end calls its port ("NIC3"). */
  portDescription?: string;
  /** LLDP Port id / CDP Port ID (outgoing port): a MAC or an interface name on the far end. */
  portId?: string;
  /** LLDP Chassis id when it is a MAC. */
  chassisMac?: string;
}

export interface SwitchObservations {
  macTable: MacTableEntry[];
  neighbours: Neighbour[];
  /** Entries left out because they name no physical port (Po1, Vlan1, CPU), for the summary. */
  skipped: string[];
}

/** Interface kinds a switch port can be; port-channels, SVIs and the CPU are not ports. */
const PHYSICAL = /^(gi|gigabitethernet|fa|fastethernet|te|tengigabitethernet|twe|twentyfivegige|fo|fortygigabitethernet|hu|hundredgige|eth|ethernet|tw|twogigabitethernet|fi|fivegigabitethernet)\s*\d/i;

/**
 * A port number from an interface name: its last number (Gi1/0/12 → 12, Fa0/3 → 3, Te1/1/2 → 2).
 * Two interfaces of one switch with the same last number are an error, so nothing lands on the wrong port.
 */
export function portNumber(interfaceName: string): number | null {
  if (!PHYSICAL.test(interfaceName.trim())) return null;
  const numbers = interfaceName.match(/\d+/g);
  return numbers ? Number(numbers[numbers.length - 1]) : null;
}

/** Cisco dotted MACs (0024.e80a.0003) and the other forms, written the document's way; undefined if not a MAC. */
function macOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i.test(t)) return normaliseMac(t.replace(/\./g, ''));
  return isMac(t) ? normaliseMac(t) : undefined;
}

const MAC_ROW = /^\s*(?:\*\s*)?(\d{1,4}|All)\s+([0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})\s+(\S+)(?:\s+.*?)?\s+(\S+)\s*$/i;
const shortName = (name: string) => name.trim().split('.')[0];

export function readSwitchText(text: string, file: string): SwitchObservations {
  const macTable: MacTableEntry[] = [];
  const neighbours: Neighbour[] = [];
  const skipped: string[] = [];
  const byPort = new Map<number, { canonical: string; name: string }>();
  const port = (interfaceName: string, line: number): number | null => {
    const n = portNumber(interfaceName);
    if (n === null) {
      if (/^(CPU|Router|Drop|Switch)$/i.test(interfaceName)) return null;
      skipped.push(`${file}: line ${line}: ${interfaceName} is not a physical port`);
      return null;
    }
    if (n < 1 || n > 1024) throw new ImportError(`${file}: line ${line}: ${interfaceName} maps to port ${n}, outside 1–1024`);
    const seen = byPort.get(n);
    if (seen !== undefined && seen.canonical !== canonicalInterface(interfaceName)) {
      throw new ImportError(`${file}: line ${line}: ${interfaceName} and ${seen.name} both map to port ${n} (a port is the interface's last number); paste one switch member per file`);
    }
    byPort.set(n, { canonical: canonicalInterface(interfaceName), name: interfaceName });
    return n;
  };
  const lines = text.split(/\r?\n/);
  let block: (Partial<Neighbour> & { kind: 'lldp' | 'cdp'; line: number; localInterface?: string }) | null = null;
  const flush = () => {
    if (block?.localInterface && block.systemName) {
      const p = port(block.localInterface, block.line);
      if (p !== null) {
        neighbours.push({
          port: p,
          interfaceName: block.localInterface,
          systemName: block.systemName,
          ...(block.portDescription && { portDescription: block.portDescription }),
          ...(block.portId && { portId: block.portId }),
          ...(block.chassisMac && { chassisMac: block.chassisMac }),
        });
      }
    } else if (block) {
      throw new ImportError(`${file}: line ${block.line}: a ${block.kind === 'lldp' ? 'LLDP' : 'CDP'} neighbour without ${block.localInterface ? (block.kind === 'lldp' ? 'System Name' : 'Device ID') : block.kind === 'lldp' ? 'Local Intf' : 'Interface'}`);
    }
    block = null;
  };
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const at = i + 1;
    const row = MAC_ROW.exec(line);
    if (row) {
      flush();
      const p = port(row[4], at);
      if (p !== null) macTable.push({ port: p, interfaceName: row[4], mac: macOf(row[2])! });
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\s*Local Intf:\s*(\S+)/i.exec(line))) {
      flush();
      block = { kind: 'lldp', line: at, localInterface: m[1] };
    } else if ((m = /^\s*Device ID:\s*(\S+)/i.exec(line))) {
      flush();
      block = { kind: 'cdp', line: at, systemName: shortName(m[1]) };
    } else if (block && (m = /^\s*Chassis id:\s*(\S+)/i.exec(line))) {
      const mac = macOf(m[1]);
      if (mac) block.chassisMac = mac;
    } else if (block && (m = /^\s*Port id:\s*(.+)$/i.exec(line))) {
      block.portId = m[1].trim();
    } else if (block && (m = /^\s*Port Description:\s*(.+)$/i.exec(line))) {
      block.portDescription = m[1].trim();
    } else if (block && (m = /^\s*System Name:\s*(\S+)/i.exec(line))) {
      block.systemName = shortName(m[1]);
    } else if (block?.kind === 'cdp' && (m = /^\s*Interface:\s*([^,\s]+)\s*,\s*Port ID \(outgoing port\):\s*(\S+)/i.exec(line))) {
      block.localInterface = m[1];
      block.portId = m[2];
    } else if (/^-{10,}\s*$/.test(line) && block) {
      flush();
    }
  });
  flush();
  return { macTable, neighbours, skipped };
}

/** Gi1/0/12 and GigabitEthernet1/0/12 are one interface. */
function canonicalInterface(name: string): string {
  const t = name.trim().toLowerCase();
  const m = /^([a-z]+)\s*(\d.*)$/.exec(t);
  return m ? `${m[1].slice(0, 2)}${m[2]}` : t;
}

export { macOf as ciscoMac };
