// Links the app may open in the user's browser: https on a short list of documentation hosts.

export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'learn.microsoft.com',
  'support.microsoft.com',
  'docs.microsoft.com',
  'www.kernel.org',
  'docs.kernel.org',
  'www.broadcom.com',
  'www.intel.com',
  'www.wireshark.org',
  'github.com',
];

/** True for an https URL on an allow-listed host, without credentials or an unusual port. */
export function isAllowedExternalLink(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && hosts.includes(parsed.hostname);
}
