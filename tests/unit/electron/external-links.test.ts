import { describe, it, expect } from 'vitest';
import { isAllowedExternalLink } from '../../../src-main/electron/external-links.js';

describe('links opened in the user’s browser', () => {
  it('opens https documentation links on allow-listed hosts', () => {
    expect(isAllowedExternalLink('https://learn.microsoft.com/en-us/windows-server/networking/technologies/nic-teaming/nic-teaming')).toBe(true);
    expect(isAllowedExternalLink('https://www.kernel.org/doc/Documentation/networking/bonding.txt')).toBe(true);
  });

  it('opens nothing else', () => {
    for (const url of [
      'http://learn.microsoft.com/',
      'https://learn.microsoft.com.evil.example/',
      'https://evil.example/?https://learn.microsoft.com',
      'https://user:pw@learn.microsoft.com/',
      'https://learn.microsoft.com:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://share/x',
      'not a url',
    ])
      expect(isAllowedExternalLink(url), url).toBe(false);
  });
});
