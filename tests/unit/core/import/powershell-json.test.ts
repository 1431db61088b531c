// What ConvertTo-Json writes in Windows PowerShell 5.1 and PowerShell 7, read the same way.
import { describe, expect, it } from 'vitest';
import { decodeText, ImportError, readCmdletJson } from '../../../../src-main/core/import/powershell-json.js';
import { LBFO_LOAD_BALANCING, LBFO_TEAMING_MODE } from '../../../../src-main/core/import/hyperv-records.js';

const utf16 = (text: string, bom = true) => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(text, 'utf16le')]);
const utf8 = (text: string, bom = false) => new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...Buffer.from(text, 'utf8')]);
const fails = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('expected an ImportError');
};

describe('reading cmdlet JSON', () => {
  it('reads UTF-8 with and without a byte-order mark, and UTF-16 LE as 5.1 redirection writes it', () => {
    const json = '{"Name":"HostA"}';
    for (const bytes of [utf8(json), utf8(json, true), utf16(json), utf16(json, false)]) expect(decodeText(bytes, 'f')).toBe(json);
  });

  it('takes a single object as a list of one, and an empty file (or a lone BOM) as none', () => {
    expect(readCmdletJson(utf8('{"Name":"NIC1"}'), 'HostA/Get-NetAdapter.json').map((i) => i.text('Name'))).toEqual(['NIC1']);
    expect(readCmdletJson(utf8(''), 'f')).toEqual([]);
    expect(readCmdletJson(new Uint8Array([0xff, 0xfe]), 'f')).toEqual([]);
  });

  it('unwraps the {value, Count} arrays of 5.1 and reads one text where 7 writes a list of one', () => {
    const [item] = readCmdletJson(utf8('{"IPAddresses":{"value":["1.1.1.1","fe80::1"],"Count":2},"Members":"NIC3"}'), 'f');
    expect(item.texts('IPAddresses')).toEqual(['1.1.1.1', 'fe80::1']);
    expect(item.texts('Members')).toEqual(['NIC3']);
  });

  it('reads enums as Microsoft’s numbers or as their names, in any case', () => {
    const items = readCmdletJson(utf8('[{"TeamingMode":1,"LoadBalancingAlgorithm":4},{"TeamingMode":"lacp","LoadBalancingAlgorithm":"Dynamic"}]'), 'f');
    expect(items.map((i) => i.enumName('TeamingMode', LBFO_TEAMING_MODE, 'LBFO teaming mode'))).toEqual(['SwitchIndependent', 'Lacp']);
    expect(items.map((i) => i.enumName('LoadBalancingAlgorithm', LBFO_LOAD_BALANCING, 'x'))).toEqual(['HyperVPort', 'Dynamic']);
  });

  it('names the file, the item and the field of an unknown enum value', () => {
    const [, item] = readCmdletJson(utf8('[{},{"TeamingMode":7}]'), 'HV01/Get-NetLbfoTeam.json');
    expect(fails(() => item.enumName('TeamingMode', LBFO_TEAMING_MODE, 'LBFO teaming mode'))).toBe(
      'HV01/Get-NetLbfoTeam.json: item 2: TeamingMode 7 is not a known LBFO teaming mode (known: Static (0), SwitchIndependent (1), Lacp (2))',
    );
  });

  it('reads MACs with or without dashes and names a bad one', () => {
    const items = readCmdletJson(utf8('[{"MacAddress":"00155D010A03"},{"MacAddress":"00-15-5d-01-0a-03"},{"MacAddress":"xyz"}]'), 'HV01/Get-VMNetworkAdapter.json');
    expect(items.slice(0, 2).map((i) => i.mac('MacAddress'))).toEqual(['00-15-5D-01-0A-03', '00-15-5D-01-0A-03']);
    expect(fails(() => items[2].mac('MacAddress'))).toBe('HV01/Get-VMNetworkAdapter.json: item 3: MacAddress "xyz" is not a MAC address');
  });

  it('says a file is not JSON, naming it', () => {
    expect(fails(() => readCmdletJson(utf8('{"Name": '), 'HV01/Get-VM.json'))).toMatch(/^HV01\/Get-VM\.json: is not JSON as ConvertTo-Json writes it/);
  });
});
