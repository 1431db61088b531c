// MAC and IPv4 address text forms. The document writes MACs the Windows way: 00-15-5D-01-0A-03.

const MAC_RE = /^[0-9a-fA-F]{2}([-:]?)[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isMac(text: string): boolean {
  return MAC_RE.test(text);
}

export function isIpv4(text: string): boolean {
  return IPV4_RE.test(text);
}

export function normaliseMac(text: string): string {
  const hex = text.replace(/[-:]/g, '').toUpperCase();
  return hex.match(/../g)!.join('-');
}

/** A MAC as a 48-bit integer (exact in a double). */
export function macToNumber(text: string): number {
  return parseInt(text.replace(/[-:]/g, ''), 16);
}

export function macToText(value: number): string {
  return value.toString(16).toUpperCase().padStart(12, '0').match(/../g)!.join('-');
}

export function ipToNumber(text: string): number {
  const p = text.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

export function ipToText(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export const BROADCAST_MAC = 0xffffffffffff;

/** Hyper-V's default dynamic pool: 00-15-5D-dd-ee-00 … FF, dd-ee the host IP's last two octets. */
export function hyperVPoolFirst(managementIp: string): string {
  const p = managementIp.split('.').map(Number);
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  return `00-15-5D-${hex(p[2])}-${hex(p[3])}-00`;
}
