import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { labFileFromArgv } from '../../../src-main/electron/launch-files.js';

describe('a lab given on the command line or by file association', () => {
  it('takes the first .lab or .lab.json argument, relative to the launching folder', () => {
    expect(labFileFromArgv(['lab-planner', '--no-sandbox', 'labs/field.lab'], '/home/ada')).toBe(path.resolve('/home/ada', 'labs/field.lab'));
    expect(labFileFromArgv(['lab-planner', '/srv/x.lab.json'], '/')).toBe(path.resolve('/srv/x.lab.json'));
  });

  it('ignores switches and other files', () => {
    expect(labFileFromArgv(['lab-planner', '--inspect=x.lab', 'notes.txt'], '/')).toBeNull();
    expect(labFileFromArgv(['/opt/lab-planner/lab-planner.lab'], '/')).toBeNull();
  });
});
