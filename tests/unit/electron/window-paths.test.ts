import { describe, it, expect } from 'vitest';
import { dialogStepFor } from '../../../src-main/electron/ipc-contract.js';
import { HandedOutPaths, isPlainAbsolutePath, withHandedOutPathOnly } from '../../../src-main/electron/window-paths.js';
import type { RequestName } from '../../../shared/api.js';

/** The dialog the main process shows for a window's call, after the window's path is screened. */
const stepFor = (request: RequestName, params: Record<string, unknown>, handedOut: HandedOutPaths) =>
  dialogStepFor(request, withHandedOutPathOnly(request, params, handedOut));

describe('paths a window may name', () => {
  it('lets a window open a lab main handed it (launch file, recent list, earlier dialog)', () => {
    const handedOut = new HandedOutPaths();
    handedOut.handOut('/home/u/labs/field.lab', 'open');
    expect(withHandedOutPathOnly('lab.open', { path: '/home/u/labs/field.lab' }, handedOut)).toEqual({ path: '/home/u/labs/field.lab' });
    expect(stepFor('lab.open', { path: '/home/u/labs/field.lab' }, handedOut)).toBeNull();
  });

  it('lets a window write where the user chose to save in a dialog', () => {
    const handedOut = new HandedOutPaths();
    handedOut.handOut('/home/u/labs/copy.lab', 'write');
    expect(stepFor('lab.saveAs', { docId: 'd', path: '/home/u/labs/copy.lab' }, handedOut)).toBeNull();
  });

  it('shows the dialog instead of using a path main never handed out', () => {
    const handedOut = new HandedOutPaths();
    expect(stepFor('lab.open', { path: '/etc/shadow' }, handedOut)).toBe('choose-lab-to-open');
    expect(stepFor('lab.importHyperV', { path: '/etc' }, handedOut)).toBe('choose-hyperv-folder');
    expect(stepFor('lab.saveAs', { docId: 'd', path: '/home/u/.bashrc' }, handedOut)).toBe('choose-lab-to-save');
    expect(stepFor('report.export', { docId: 'd', path: '/anything', saveToFile: true }, handedOut)).toBe('choose-report-file');
    expect(stepFor('report.export', { docId: 'd', path: '/anything' }, handedOut)).toBe('choose-report-file');
    expect(stepFor('capture.export', { docId: 'd', drill: 'x', points: ['HostB/NIC3'], path: '/tmp/x.pcap' }, handedOut)).toBe('choose-capture-file');
    expect(stepFor('capture.export', { docId: 'd', drill: 'x', path: '/home/u/.ssh' }, handedOut)).toBe('choose-capture-folder');
    expect(stepFor('lab.exportJson', { docId: 'd', path: '/home/u/.profile' }, handedOut)).toBe('choose-json-export-file');
    expect(withHandedOutPathOnly('report.export', { docId: 'd', path: '/anything', saveToFile: true }, handedOut)).not.toHaveProperty('path');
    // A diagram named nowhere main handed out comes back as text for a download instead of being written.
    expect(withHandedOutPathOnly('diagram.export', { docId: 'd', format: 'svg', path: '/home/u/.bashrc.svg' }, handedOut)).toEqual({ docId: 'd', format: 'svg' });
  });

  it('lets a merge read only copies main handed out, never any file a window names', () => {
    const handedOut = new HandedOutPaths();
    handedOut.handOut('/home/u/labs/ann.lab', 'open');
    expect(withHandedOutPathOnly('lab.merge', { docId: 'd', theirs: '/home/u/labs/ann.lab', base: '/etc/shadow' }, handedOut)).toEqual({ docId: 'd', theirs: '/home/u/labs/ann.lab' });
    expect(withHandedOutPathOnly('lab.merge', { docId: 'd', theirs: '/home/u/.ssh/id_rsa.lab' }, handedOut)).toEqual({ docId: 'd' });
  });

  it('lets Compare with… read only a lab main handed out, and asks in the open dialog otherwise', () => {
    const handedOut = new HandedOutPaths();
    handedOut.handOut('/home/u/labs/ann.lab', 'open');
    expect(stepFor('lab.compare', { docId: 'd', path: '/home/u/labs/ann.lab' }, handedOut)).toBeNull();
    expect(stepFor('lab.compare', { docId: 'd', path: '/etc/shadow' }, handedOut)).toBe('choose-lab-to-open');
  });

  it('never lets a lab handed out for opening be overwritten by a save or an export', () => {
    const handedOut = new HandedOutPaths();
    handedOut.handOut('/home/u/labs/field.lab', 'open');
    expect(stepFor('lab.saveAs', { docId: 'd', path: '/home/u/labs/field.lab' }, handedOut)).toBe('choose-lab-to-save');
    expect(stepFor('report.export', { docId: 'd', path: '/home/u/labs/field.lab', saveToFile: true }, handedOut)).toBe('choose-report-file');
  });

  it('refuses relative paths and paths that climb with ..', () => {
    const handedOut = new HandedOutPaths();
    handedOut.handOut('labs/field.lab', 'open');
    handedOut.handOut('/home/u/labs/../.bashrc', 'write');
    expect(stepFor('lab.open', { path: 'labs/field.lab' }, handedOut)).toBe('choose-lab-to-open');
    expect(stepFor('lab.saveAs', { docId: 'd', path: '/home/u/labs/../.bashrc' }, handedOut)).toBe('choose-lab-to-save');
    expect(isPlainAbsolutePath('/home/u/labs/field.lab')).toBe(true);
    expect(isPlainAbsolutePath('../field.lab')).toBe(false);
    expect(isPlainAbsolutePath('/home/u/labs/..')).toBe(false);
    expect(isPlainAbsolutePath('/home/u/a\0.lab')).toBe(false);
  });

  it('leaves requests that name no file alone', () => {
    expect(withHandedOutPathOnly('lab.close', { docId: 'd' }, new HandedOutPaths())).toEqual({ docId: 'd' });
  });
});
