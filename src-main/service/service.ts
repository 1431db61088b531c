// The service: shared/api.ts implemented on core and the store. One method per request; no transport.
import { watchFile, unwatchFile, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  API_VERSION,
  ok,
  fail,
  parseRequest,
  type ApiError,
  type DocumentState,
  type DocumentStatus,
  type RequestName,
  requests,
  type RequestValue,
  type Result,
} from '../../shared/api.js';
import { labSchema, type Lab } from '../../shared/lab.js';
import { checkReferences, formatPath, type Problem } from '../../shared/validate.js';
import { readLab } from '../core/lab.js';
import { CATALOGUE_IDS, DRIVER_CATALOGUE } from '../core/drivers/catalogue.js';
import { applyEditOps } from './edit-ops.js';
import { ServiceEvents } from './service-events.js';
import { RunRegistry, RunCancelled, runDrillsInTurn, type RunDrillsFn } from './runs.js';
import { LabFileFailure, type LabFiles, type RecoveredWork } from './lab-files.js';
import { LAB_JSON_EXTENSION, type PathPolicy } from './workspace-paths.js';
import { RecentFiles } from './recent-files.js';
import { listExamples, readExample } from './examples.js';
import { listLabFiles } from './list-files.js';
import { importEstate, resolveEstateFolder } from './hyperv-estate.js';
import { buildLabReport } from './report-export.js';
import { toMatrixWire, findMatrixCell, MatrixStream, type CoreMatrixFn } from './matrix-view.js';
import { allCapturePoints, defaultCapturePoints, readCapturePoints, type NamedCapturePoint } from './capture-points.js';
import { captureDrill, captureDrillPcapng, runCell } from './drill-exports.js';
import { writeExport, ExportWriteFailed } from './export-files.js';
import { drillOf, noSuchCell, traceOf, ScrubbedDrill } from './simulation.js';
import type { Drill } from '../../shared/drill.js';
import { DIAGRAM_EXTENSIONS, diagramFile, mergeInto, templateList, templateLab } from './lab-exchange.js';
import { labChanges } from './lab-compare.js';
import { listRuns, readAllRuns, readRun, stampNow, writeRuns } from './run-history.js';
import { compareRuns } from '../../shared/run-compare.js';
import type { DrillReport } from '../../shared/drill.js';
import type { RunRecord } from '../store/index.js';

/** Params as the contract parsed them (defaults filled in). */
type Params<N extends RequestName> = z.output<(typeof requests)[N]['params']>;
type Answer<N extends RequestName> = Promise<Result<RequestValue<N>>>;

export type Startup = { path: string } | { example: string } | null;
export type DesignChecksFn = (lab: Lab) => RequestValue<'lab.lint'>['findings'];

export interface ServiceOptions {
  host: 'electron' | 'browser';
  appVersion: string;
  paths: PathPolicy;
  files: LabFiles;
  examplesDir: string;
  runDrills: RunDrillsFn;
  designChecks?: DesignChecksFn;
  /** The what-if matrix (matrix.run, report.export); absent: not available in this build. */
  matrix?: CoreMatrixFn;
  /** Where the recent-files list is kept; null keeps it for this run only. */
  recentFile?: string | null;
  startup?: Startup;
  /** Delay between an edit and its autosave. */
  autosaveDelayMs?: number;
  /** How often open files are checked for changes by someone else; 0 turns it off. */
  watchIntervalMs?: number;
  now?: () => Date;
}

interface OpenDocument {
  docId: string;
  /** Absolute path of the file; null until saved. */
  file: string | null;
  lab: Lab;
  revision: number;
  savedRevision: number;
  readOnly: boolean;
  fingerprint: string | null;
  problems: Problem[];
  autosaveTimer: NodeJS.Timeout | null;
  /** Size and mtime after our last open or save, to tell our writes from someone else's. */
  diskStamp: string | null;
  /** Set once the file-changed event was sent, so it is sent once per change. */
  changeReported: boolean;
  /** The poller of the file, so only this document's watch is removed. */
  watcher: ((current: Stats) => void) | null;
  /** Who has the lab open (windows, connections); it closes when the last one lets go. */
  holders: Set<unknown>;
  /** Drill runs recorded this session that are not in a `.lab` file yet (written on the next save). */
  pendingRuns: RunRecord[];
}

/** The holder of requests that name none: a host with a single window (the CLI, tests). */
export const SOLE_HOLDER = Symbol('sole holder');

/** One instance per process; `handle` is what the transports call after nothing else. */
export class LabService {
  readonly events = new ServiceEvents();
  private readonly documents = new Map<string, OpenDocument>();
  private readonly runs = new RunRegistry();
  /** The simulation drills.stateAt carries on while the window scrubs one drill. */
  private readonly scrubbed = new ScrubbedDrill();
  private readonly recent: RecentFiles;
  private readonly sessionId: string;
  private nextDoc = 1;

  constructor(private readonly options: ServiceOptions) {
    this.recent = new RecentFiles(options.recentFile ?? null);
    this.sessionId = `s${this.now().getTime().toString(36)}${randomBytes(4).toString('hex')}`;
  }

  /**
   * Validates and dispatches one request; a transport may call this with anything it received.
   * `holder` names the caller (a connection, a window: any value kept for its lifetime), so one
   * caller closing a lab that another also has open only lets go of its own hold.
   */
  async handle(request: string, params: unknown, holder: unknown = SOLE_HOLDER): Promise<Result<unknown>> {
    const parsed = parseRequest(request, params);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    try {
      const result = await this.dispatch(parsed.request, parsed.params, holder);
      const docId = result.ok && parsed.request !== 'lab.close' ? (result.value as { docId?: unknown } | null)?.docId : undefined;
      if (typeof docId === 'string') this.documents.get(docId)?.holders.add(holder);
      return result;
    } catch (error) {
      return failure(error);
    }
  }

  /** A caller went away (a closed tab or window): it lets go of every lab it held. */
  async releaseHolder(holder: unknown): Promise<void> {
    for (const doc of [...this.documents.values()]) {
      if (!doc.holders.delete(holder) || doc.holders.size > 0) continue;
      await this.release(doc.docId);
    }
  }

  /**
   * The window that held the lab went away (a closed browser tab, a reload): a saved lab is closed;
   * an unsaved one is autosaved now and closed, so the next window is offered its work.
   */
  async release(docId: string): Promise<void> {
    const doc = this.documents.get(docId);
    if (!doc) return;
    this.unwatch(doc);
    if (doc.autosaveTimer) clearTimeout(doc.autosaveTimer);
    doc.autosaveTimer = null;
    this.documents.delete(docId);
    this.scrubbed.forget(docId);
    if (doc.revision === doc.savedRevision) await this.dropAutosave(doc);
    else await this.options.files.autosave(this.autosaveKey(doc), doc.file, doc.lab, doc.fingerprint).catch(() => undefined);
  }

  /** Stops timers and watchers and cancels runs; open documents' autosaves stay for recovery. */
  async dispose(): Promise<void> {
    this.runs.cancelAll();
    for (const doc of this.documents.values()) {
      if (doc.autosaveTimer) clearTimeout(doc.autosaveTimer);
      this.unwatch(doc);
    }
    this.documents.clear();
  }

  private dispatch(request: RequestName, p: unknown, holder: unknown): Promise<Result<unknown>> {
    const table: { [N in RequestName]: (params: Params<N>) => Answer<N> } = {
      'app.info': () => this.appInfo(),
      'examples.list': () => this.examplesList(),
      'recent.list': () => this.recentList(),
      'recent.clear': () => this.recentClear(),
      'workspace.listFiles': () => this.workspaceListFiles(),
      'lab.new': (x) => this.labNew(x),
      'lab.open': (x) => this.labOpen(x),
      'lab.get': (x) => this.labGet(x),
      'lab.save': (x) => this.labSave(x),
      'lab.saveAs': (x) => this.labSaveAs(x),
      'lab.reload': (x) => this.labReload(x),
      'lab.close': (x) => this.labClose(x, holder),
      'lab.edit': (x) => this.labEdit(x),
      'lab.replace': (x) => this.labReplace(x),
      'lab.validate': (x) => this.labValidate(x),
      'lab.lint': (x) => this.labLint(x),
      'lab.exportJson': (x) => this.labExportJson(x),
      'lab.importJson': (x) => this.labImportJson(x),
      'lab.importHyperV': (x) => this.labImportHyperV(x),
      'drivers.list': (x) => this.driversList(x),
      'drills.run': (x) => this.drillsRun(x),
      'run.cancel': (x) => this.runCancel(x),
      'matrix.run': (x) => this.matrixRun(x),
      'matrix.runCell': (x) => this.matrixRunCell(x),
      'drills.trace': (x) => this.drillsTrace(x),
      'drills.stateAt': (x) => this.drillsStateAt(x),
      'capture.points': (x) => this.capturePoints(x),
      'capture.export': (x) => this.captureExport(x),
      'report.export': (x) => this.reportExport(x),
      'templates.list': async () => ok(templateList()),
      'lab.newFromTemplate': (x) => this.labNewFromTemplate(x),
      'diagram.export': (x) => this.diagramExport(x),
      'lab.merge': (x) => this.labMerge(x),
      'lab.compare': (x) => this.labCompare(x),
      'runs.list': (x) => this.runsList(x),
      'runs.get': (x) => this.runsGet(x),
      'runs.compare': (x) => this.runsCompare(x),
      'recovery.list': () => this.recoveryList(),
      'recovery.restore': (x) => this.recoveryRestore(x),
      'recovery.discard': (x) => this.recoveryDiscard(x),
    };
    return (table[request] as (params: unknown) => Promise<Result<unknown>>)(p);
  }

  // ---- app, examples, recent, workspace ------------------------------------------------------

  async appInfo(): Answer<'app.info'> {
    return ok({
      apiVersion: API_VERSION,
      appVersion: this.options.appVersion,
      host: this.options.host,
      canPickFiles: this.options.host === 'electron',
      workspace: this.options.paths.workspace,
      startup: this.options.startup ?? null,
    });
  }

  async examplesList(): Answer<'examples.list'> {
    return ok({ examples: await listExamples(this.options.examplesDir) });
  }

  async recentList(): Answer<'recent.list'> {
    const files = (await this.recent.list()).map((e) => ({
      path: e.path,
      displayName: path.basename(e.path),
      title: e.title,
      openedAt: e.openedAt,
    }));
    return ok({ files });
  }

  async recentClear(): Answer<'recent.clear'> {
    await this.recent.clear();
    return ok({});
  }

  async workspaceListFiles(): Answer<'workspace.listFiles'> {
    const { paths } = this.options;
    const folders = paths.workspace
      ? [paths.workspace]
      : [...new Set((await this.recent.list()).map((e) => path.dirname(e.path)))];
    const files = await listLabFiles(folders, paths.workspace ? 4 : 0);
    return ok({ files: files.map((f) => ({ ...f, path: paths.display(f.path) })) });
  }

  // ---- documents ---------------------------------------------------------------------------

  async labNew(p: Params<'lab.new'>): Answer<'lab.new'> {
    if (p.from.kind === 'empty') return ok(this.state(this.addDocument(labSchema.parse({}), null)));
    const example = await readExample(this.options.examplesDir, p.from.id);
    if (!example.ok) return example;
    return ok(this.state(this.addDocument(example.value, null)));
  }

  async labOpen(p: Params<'lab.open'>): Answer<'lab.open'> {
    if (p.path === undefined) return fail('needs-path', 'choose a lab file to open');
    const resolved = await this.options.paths.resolve(p.path, 'open');
    if (!resolved.ok) return fail(resolved.missing ? 'file-error' : 'path-refused', resolved.message);
    const file = resolved.absolute;
    if (file.toLowerCase().endsWith(LAB_JSON_EXTENSION)) {
      const text = await readText(file);
      if (!text.ok) return text;
      const lab = this.options.files.importJson(text.value, path.basename(file));
      return ok(this.state(this.addDocument(lab, null)));
    }
    const already = [...this.documents.values()].find((d) => d.file === file);
    if (already) return ok(this.state(already));
    const opened = await this.options.files.open(file);
    const doc = this.addDocument(opened.lab, file, { readOnly: opened.readOnly, fingerprint: opened.fingerprint });
    await this.recent.add({ path: this.options.paths.display(file), title: opened.lab.meta.title, openedAt: this.now().toISOString() });
    await this.watch(doc);
    const work = await this.options.files.findWorkOn(file);
    if (work) this.events.emit('recovery.available', { entries: [this.recoveryEntry(work)] });
    return ok(this.state(doc));
  }

  async labGet(p: Params<'lab.get'>): Answer<'lab.get'> {
    const doc = this.documents.get(p.docId);
    return doc ? ok(this.state(doc)) : notOpen(p.docId);
  }

  async labSave(p: Params<'lab.save'>): Answer<'lab.save'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (doc.file === null) return fail('needs-path', 'this lab has not been saved yet; choose a file name');
    if (doc.readOnly) return fail('read-only', `${this.options.paths.display(doc.file)} is read-only; save it under another name`);
    return this.writeTo(doc, doc.file, doc.fingerprint);
  }

  async labSaveAs(p: Params<'lab.saveAs'>): Answer<'lab.saveAs'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (p.path === undefined) return fail('needs-path', 'choose a file name to save the lab as');
    const resolved = await this.options.paths.resolve(p.path, 'save');
    if (!resolved.ok) return fail(resolved.missing ? 'file-error' : 'path-refused', resolved.message);
    const target = resolved.absolute;
    const other = [...this.documents.values()].find((d) => d !== doc && d.file === target);
    if (other) return fail('file-error', `${this.options.paths.display(target)} is open in another window; close it first`);
    if (doc.file === target) return this.writeTo(doc, target, doc.fingerprint);
    if (!(await exists(target))) return this.writeTo(doc, target, null);
    // Another lab is there: replace it only when asked to, and as a new lab (its drill history is not ours).
    if (!p.overwrite) return fail('file-exists', `${path.basename(target)} already exists; replace it?`);
    return this.writeTo(doc, target, null, { replace: true });
  }

  async labReload(p: Params<'lab.reload'>): Answer<'lab.reload'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (doc.file === null) return fail('needs-path', 'this lab has no file to reload from');
    const opened = await this.options.files.open(doc.file);
    Object.assign(doc, { lab: opened.lab, readOnly: opened.readOnly, fingerprint: opened.fingerprint, changeReported: false });
    doc.problems = checkReferences(opened.lab, this.knownProfiles());
    doc.revision += 1;
    doc.savedRevision = doc.revision;
    doc.diskStamp = await stampOf(doc.file);
    await this.dropAutosave(doc);
    this.changed(doc);
    return ok(this.state(doc));
  }

  async labClose(p: Params<'lab.close'>, holder: unknown): Answer<'lab.close'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return ok({});
    // Someone else still has the lab open: only this caller lets go, and their unsaved work stays.
    if ([...doc.holders].some((h) => h !== holder)) {
      doc.holders.delete(holder);
      return ok({});
    }
    if (doc.revision !== doc.savedRevision && !p.discard)
      return fail('unsaved-changes', `${this.displayName(doc)} has unsaved changes; save it or close without saving`);
    this.unwatch(doc);
    await this.dropAutosave(doc);
    this.documents.delete(doc.docId);
    this.scrubbed.forget(doc.docId);
    return ok({});
  }

  async labEdit(p: Params<'lab.edit'>): Answer<'lab.edit'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (p.baseRevision !== doc.revision) return staleRevision(doc, p.baseRevision);
    const applied = applyEditOps(doc.lab, p.ops);
    if (!applied.ok) return fail('invalid-request', applied.message);
    return this.accept(doc, applied.document);
  }

  async labReplace(p: Params<'lab.replace'>): Answer<'lab.replace'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (p.baseRevision !== doc.revision) return staleRevision(doc, p.baseRevision);
    return this.accept(doc, p.document);
  }

  async labValidate(p: Params<'lab.validate'>): Answer<'lab.validate'> {
    const parsed = readLab(p.document);
    return ok({ valid: parsed.ok, problems: parsed.ok ? [] : parsed.problems });
  }

  async labLint(p: Params<'lab.lint'>): Answer<'lab.lint'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (!this.options.designChecks) return fail('unsupported', 'design checks are not available in this build');
    return ok({ findings: this.options.designChecks(doc.lab) });
  }

  async labExportJson(p: Params<'lab.exportJson'>): Answer<'lab.exportJson'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    const base = doc.file ? path.basename(doc.file).replace(/\.lab$/i, '') : safeFileName(doc.lab.meta.title);
    return ok({ text: this.options.files.exportJson(doc.lab), fileName: `${base}${LAB_JSON_EXTENSION}`, savedTo: null });
  }

  async labImportJson(p: Params<'lab.importJson'>): Answer<'lab.importJson'> {
    if (p.text === undefined) return fail('needs-path', 'choose a .lab.json file to import');
    const lab = this.options.files.importJson(p.text, p.fileName ?? 'the imported JSON');
    return ok(this.state(this.addDocument(lab, null)));
  }

  async labImportHyperV(p: Params<'lab.importHyperV'>): Answer<'lab.importHyperV'> {
    if (p.path === undefined) return fail('needs-path', 'choose the folder holding one folder per Hyper-V host');
    const folder = await resolveEstateFolder(this.options.paths, p.path);
    if (!folder.ok) return folder;
    const imported = importEstate(folder.value);
    if (!imported.ok) return imported;
    return ok({ document: this.state(this.addDocument(imported.value.lab, null, { unsaved: true })), summary: imported.value.summary });
  }

  // ---- drivers, drills, matrix -------------------------------------------------------------

  async driversList(p: Params<'drivers.list'>): Answer<'drivers.list'> {
    const doc = p.docId === undefined ? undefined : this.documents.get(p.docId);
    if (p.docId !== undefined && !doc) return notOpen(p.docId);
    return ok({ profiles: [...DRIVER_CATALOGUE, ...(doc?.lab.driverProfiles ?? [])] });
  }

  async drillsRun(p: Params<'drills.run'>): Answer<'drills.run'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (doc.problems.length) return labHasProblems(doc.problems);
    const known = new Set(doc.lab.drills.map((d) => d.name));
    const names = p.drills ?? [...known];
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length) return fail('not-found', `the lab has no drill named ${unknown.map((n) => `"${n}"`).join(', ')}`);
    if (names.length === 0) return fail('not-found', 'the lab has no drills to run');
    const signal = this.runs.start(p.runId);
    if (!signal) return fail('invalid-request', `a run named "${p.runId}" is still going`);
    const lab = structuredClone(doc.lab); // edits made during the run do not change what it simulates
    try {
      const report = await runDrillsInTurn(this.options.runDrills, lab, names, {
        seed: p.seed,
        signal,
        onProgress: (done, total, current) => this.events.emit('run.progress', { runId: p.runId, docId: p.docId, done, total, current }),
      });
      if (p.record) this.recordRun(doc, report);
      return ok(report);
    } catch (error) {
      if (error instanceof RunCancelled) return fail('cancelled', 'the drill run was cancelled');
      throw error;
    } finally {
      this.runs.finish(p.runId);
    }
  }

  async runCancel(p: Params<'run.cancel'>): Answer<'run.cancel'> {
    return ok({ cancelled: this.runs.cancel(p.runId) });
  }

  async matrixRun(p: Params<'matrix.run'>): Answer<'matrix.run'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (!this.options.matrix) return fail('unsupported', 'the what-if matrix is not available in this build');
    if (doc.problems.length) return labHasProblems(doc.problems);
    const signal = this.runs.start(p.runId);
    if (!signal) return fail('invalid-request', `a run named "${p.runId}" is still going`);
    const lab = structuredClone(doc.lab);
    const stream = new MatrixStream(lab, p.depth, (payload) => this.events.emit('matrix.cells', { runId: p.runId, docId: p.docId, ...payload }));
    try {
      const result = await this.options.matrix(lab, {
        depth: p.depth,
        seed: p.seed,
        signal,
        onProgress: (done, total, current) => this.events.emit('run.progress', { runId: p.runId, docId: p.docId, done, total, current }),
        onStart: (cells, seed) => stream.start(cells, seed),
        onCells: (results, progress) => stream.add(results, progress.etaMs),
      });
      if (result === null || signal.aborted) return fail('cancelled', 'the what-if matrix was cancelled');
      stream.flush();
      return ok(toMatrixWire(result));
    } catch (error) {
      if (signal.aborted) return fail('cancelled', 'the what-if matrix was cancelled');
      throw error;
    } finally {
      stream.stop();
      this.runs.finish(p.runId);
    }
  }

  async matrixRunCell(p: Params<'matrix.runCell'>): Answer<'matrix.runCell'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (doc.problems.length) return labHasProblems(doc.problems);
    if (doc.lab.clients.length === 0) return noClient();
    const cell = findMatrixCell(doc.lab, p.cellId);
    if (!cell) return noSuchCell(p.cellId);
    return ok(runCell(doc.lab, cell, p.seed ?? doc.lab.settings.seed));
  }

  // ---- captures and reports ----------------------------------------------------------------

  async capturePoints(p: Params<'capture.points'>): Answer<'capture.points'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    const byDefault = new Set(defaultCapturePoints(doc.lab).map((x) => x.elementId));
    const points = allCapturePoints(doc.lab).map((x) => ({ point: x.name, kind: x.kind, elementId: x.elementId, byDefault: byDefault.has(x.elementId) }));
    return ok({ points });
  }

  async captureExport(p: Params<'capture.export'>): Answer<'capture.export'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (doc.problems.length) return labHasProblems(doc.problems);
    const lab = doc.lab;
    if (lab.clients.length === 0) return noClient();
    const found = drillOf(lab, p);
    if (!found.ok) return found;
    const drill = found.value;
    const chosen = p.points?.length ? readCapturePoints(lab, p.points) : { ok: true as const, points: defaultCapturePoints(lab) };
    if (!chosen.ok) return fail('not-found', chosen.message);
    if (chosen.points.length === 0) return fail('not-found', 'this lab has no cabled NIC or client to capture at; name a capture point (HostB/NIC3, switch1/port2, Client1 or Guest1)');
    if (p.saveToFile && p.path === undefined) return fail('needs-path', 'choose where to save the capture');
    // The destination is checked before the drill runs, so a refused path costs nothing.
    if (p.format === 'pcapng') return this.capturePcapng(lab, drill, chosen.points, p);
    let destination: { file: string } | { folder: string } | null = null;
    if (p.path !== undefined) {
      const single = p.path.toLowerCase().endsWith('.pcap');
      if (single && chosen.points.length !== 1)
        return fail('invalid-request', `a .pcap file holds one capture point and ${chosen.points.length} were chosen; give a folder for them instead`);
      const resolved = await this.options.paths.resolveExport(p.path, single ? { file: ['.pcap'] } : { folder: true });
      if (!resolved.ok) return fail(resolved.missing ? 'file-error' : 'path-refused', resolved.message);
      destination = single ? { file: resolved.absolute } : { folder: resolved.absolute };
    }
    const { result, files } = captureDrill(lab, drill, chosen.points, p.seed ?? lab.settings.seed);
    const out = [];
    for (const f of files) {
      const file = { point: f.point.name, elementId: f.point.elementId, fileName: f.fileName, frames: f.frames, sizeBytes: f.bytes.length };
      if (destination === null) {
        out.push({ ...file, base64: Buffer.from(f.bytes).toString('base64'), savedTo: null });
        continue;
      }
      const target = 'file' in destination ? destination.file : path.join(destination.folder, f.fileName);
      const written = await this.writeExportFile(target, f.bytes);
      if (!written.ok) return written;
      out.push({ ...file, savedTo: written.value });
    }
    return ok({ drill: drill.name, passed: result.passed, files: out });
  }

  /** Every point in one pcapng file, an interface per point: written to `path` or given back as bytes. */
  private async capturePcapng(lab: Lab, drill: Drill, points: NamedCapturePoint[], p: Params<'capture.export'>): Answer<'capture.export'> {
    let target: string | null = null;
    if (p.path !== undefined) {
      const resolved = await this.options.paths.resolveExport(p.path, { file: ['.pcapng'] });
      if (!resolved.ok) return fail(resolved.missing ? 'file-error' : 'path-refused', resolved.message);
      target = resolved.absolute;
    }
    const { result, file } = captureDrillPcapng(lab, drill, points, p.seed ?? lab.settings.seed);
    const described = { point: points.map((x) => x.name).join(', '), elementId: points.length === 1 ? points[0].elementId : '', fileName: file.fileName, frames: file.frames, sizeBytes: file.bytes.length };
    if (target === null) return ok({ drill: drill.name, passed: result.passed, files: [{ ...described, base64: Buffer.from(file.bytes).toString('base64'), savedTo: null }] });
    const written = await this.writeExportFile(target, file.bytes);
    return written.ok ? ok({ drill: drill.name, passed: result.passed, files: [{ ...described, savedTo: written.value }] }) : written;
  }

  // ---- simulation mode ---------------------------------------------------------------------

  async drillsTrace(p: Params<'drills.trace'>): Answer<'drills.trace'> {
    const found = this.drillToSimulate(p);
    return found.ok ? traceOf(found.value.lab, found.value.drill, p.filter, p.seed) : found;
  }

  async drillsStateAt(p: Params<'drills.stateAt'>): Answer<'drills.stateAt'> {
    const found = this.drillToSimulate(p);
    if (!found.ok) return found;
    return this.scrubbed.stateAt({ ...p, revision: this.documents.get(p.docId)!.revision }, found.value.lab, found.value.drill, p.atMs);
  }

  /** The open document's lab, if it can be simulated, and the drill the request names. */
  private drillToSimulate(p: { docId: string; drill?: string; cellId?: string }): Result<{ lab: Lab; drill: Drill }> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (doc.problems.length) return labHasProblems(doc.problems);
    const found = drillOf(doc.lab, p);
    return found.ok ? ok({ lab: doc.lab, drill: found.value }) : found;
  }

  async reportExport(p: Params<'report.export'>): Answer<'report.export'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (doc.problems.length) return labHasProblems(doc.problems);
    if (p.saveToFile && p.path === undefined) return fail('needs-path', 'choose where to save the report');
    let target: string | null = null;
    if (p.path !== undefined) {
      const resolved = await this.options.paths.resolveExport(p.path, { file: ['.html', '.htm'] });
      if (!resolved.ok) return fail(resolved.missing ? 'file-error' : 'path-refused', resolved.message);
      target = resolved.absolute;
    }
    let signal: AbortSignal = new AbortController().signal;
    if (p.runId !== undefined) {
      const started = this.runs.start(p.runId);
      if (!started) return fail('invalid-request', `a run named "${p.runId}" is still going`);
      signal = started;
    }
    try {
      const { runDrills, designChecks, matrix, appVersion } = this.options;
      const report = await buildLabReport(
        structuredClone(doc.lab),
        { runDrills, designChecks, matrix, appVersion, generatedAt: this.now().toISOString() },
        {
          depth: p.depth,
          includeMatrix: p.includeMatrix,
          signal,
          onProgress: (done, total, current) => {
            if (p.runId !== undefined) this.events.emit('run.progress', { runId: p.runId, docId: p.docId, done, total, current });
          },
        },
      );
      if (report === null) return fail('cancelled', 'the report was cancelled');
      const { html, ...counts } = report;
      const summary = { fileName: `${this.baseName(doc)}-report.html`, sizeBytes: Buffer.byteLength(html, 'utf8'), ...counts };
      if (target === null) return ok({ ...summary, html, savedTo: null });
      const written = await this.writeExportFile(target, html);
      return written.ok ? ok({ ...summary, savedTo: written.value }) : written;
    } finally {
      if (p.runId !== undefined) this.runs.finish(p.runId);
    }
  }

  private async writeExportFile(target: string, data: Uint8Array | string): Promise<Result<string>> {
    try {
      await writeExport(target, data);
      return ok(this.options.paths.display(target));
    } catch (error) {
      if (error instanceof ExportWriteFailed) return fail('file-error', error.message);
      throw error;
    }
  }

  private baseName(doc: OpenDocument): string {
    return doc.file ? path.basename(doc.file).replace(/\.lab$/i, '') : safeFileName(doc.lab.meta.title);
  }

  // ---- templates, merge, diagrams ------------------------------------------------------------

  async labNewFromTemplate(p: Params<'lab.newFromTemplate'>): Answer<'lab.newFromTemplate'> {
    const lab = templateLab(p.id, p);
    return lab.ok ? ok(this.state(this.addDocument(lab.value, null))) : lab;
  }

  async diagramExport(p: Params<'diagram.export'>): Answer<'diagram.export'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    const file = diagramFile(doc.lab, p.format, this.baseName(doc));
    if (p.path === undefined) return ok({ ...file, savedTo: null });
    const resolved = await this.options.paths.resolveExport(p.path, { file: [DIAGRAM_EXTENSIONS[p.format]] });
    if (!resolved.ok) return fail(resolved.missing ? 'file-error' : 'path-refused', resolved.message);
    const written = await this.writeExportFile(resolved.absolute, file.text);
    return written.ok ? ok({ fileName: file.fileName, savedTo: written.value }) : written;
  }

  async labMerge(p: Params<'lab.merge'>): Answer<'lab.merge'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (p.base === undefined && doc.file === null) return fail('needs-path', 'this lab has never been saved, so choose the copy both sides started from');
    const base = p.base === undefined ? ok((await this.options.files.open(doc.file!)).lab) : await this.readLabAt(p.base);
    if (!base.ok) return base;
    const theirs = await this.readLabAt(p.theirs);
    if (!theirs.ok) return theirs;
    return mergeInto(base.value, doc.lab, theirs.value, p.choices ?? {}, this.knownProfiles());
  }

  async labCompare(p: Params<'lab.compare'>): Answer<'lab.compare'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    if (p.example !== undefined) {
      const example = await readExample(this.options.examplesDir, p.example);
      return example.ok ? ok({ other: `${p.example}${LAB_JSON_EXTENSION}`, changes: labChanges(example.value, doc.lab) }) : example;
    }
    if (p.path === undefined) return fail('needs-path', 'choose a lab to compare with');
    const other = await this.readLabAt(p.path);
    return other.ok ? ok({ other: path.basename(p.path), changes: labChanges(other.value, doc.lab) }) : other;
  }

  // ---- run history -------------------------------------------------------------------------

  async runsList(p: Params<'runs.list'>): Answer<'runs.list'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    return ok({ runs: listRuns(doc.file, doc.pendingRuns) });
  }

  async runsGet(p: Params<'runs.get'>): Answer<'runs.get'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    const found = readRun(doc.file, doc.pendingRuns, p.run);
    return found ? ok(found) : this.noSuchRun(doc, p.run);
  }

  async runsCompare(p: Params<'runs.compare'>): Answer<'runs.compare'> {
    const doc = this.documents.get(p.docId);
    if (!doc) return notOpen(p.docId);
    const from = readRun(doc.file, doc.pendingRuns, p.from);
    if (!from) return this.noSuchRun(doc, p.from);
    const to = readRun(doc.file, doc.pendingRuns, p.to);
    if (!to) return this.noSuchRun(doc, p.to);
    const comparison = compareRuns(from.report, to.report, { from: `run #${p.from}`, to: `run #${p.to}` });
    return ok({ from: from.run, to: to.run, ...comparison });
  }

  private noSuchRun(doc: OpenDocument, n: number): Result<never> {
    const count = listRuns(doc.file, doc.pendingRuns).length;
    return fail('not-found', `${this.displayName(doc)} has no run #${n} (it has ${count === 1 ? '1 recorded run' : `${count} recorded runs`})`);
  }

  /** Into the lab's file when it has one that takes it; otherwise kept until the lab is saved. */
  private recordRun(doc: OpenDocument, report: DrillReport): void {
    const run: RunRecord = { ranAt: this.now().toISOString(), seed: report.seed, appVersion: this.options.appVersion, report };
    if (doc.file === null || doc.readOnly) {
      doc.pendingRuns.push(run);
      return;
    }
    doc.pendingRuns.push(...writeRuns(doc.file, [run]));
    doc.diskStamp = stampNow(doc.file);
  }

  /** A `.lab` file or a `.lab.json` export, read without opening it as a document. */
  private async readLabAt(requested: string): Promise<Result<Lab>> {
    const resolved = await this.options.paths.resolve(requested, 'open');
    if (!resolved.ok) return fail(resolved.missing ? 'file-error' : 'path-refused', resolved.message);
    const file = resolved.absolute;
    if (!file.toLowerCase().endsWith(LAB_JSON_EXTENSION)) return ok((await this.options.files.open(file)).lab);
    const text = await readText(file);
    return text.ok ? ok(this.options.files.importJson(text.value, path.basename(file))) : text;
  }

  // ---- recovery ----------------------------------------------------------------------------

  /** Unsaved work from earlier sessions: on labs never saved, and on recent files not open now. */
  async recoveryList(): Answer<'recovery.list'> {
    const { files, paths } = this.options;
    const open = new Set([...this.documents.values()].map((d) => `unsaved-${this.autosaveKey(d)}`));
    const entries = (await files.listUnsavedWork()).filter((e) => !open.has(e.id));
    const openFiles = new Set([...this.documents.values()].map((d) => d.file));
    for (const recent of await this.recent.list()) {
      const resolved = await paths.resolve(recent.path, 'open');
      if (!resolved.ok || openFiles.has(resolved.absolute)) continue;
      const work = await files.findWorkOn(resolved.absolute);
      if (work) entries.push(work);
    }
    return ok({ entries: entries.map((e) => this.recoveryEntry(e)) });
  }

  /** Tells listeners about work left by an earlier session; call once a transport is listening. */
  async announceRecovery(): Promise<void> {
    const listed = await this.recoveryList();
    if (listed.ok && listed.value.entries.length) this.events.emit('recovery.available', listed.value);
  }

  async recoveryRestore(p: Params<'recovery.restore'>): Answer<'recovery.restore'> {
    const id = await this.storeWorkId(p.id);
    if (!id.ok) return id;
    const work = await this.options.files.readWork(id.value);
    const open = [...this.documents.values()].find((d) => work.path !== null && d.file === work.path);
    if (open) {
      // The lab is open: the recovered work becomes an unsaved edit of it.
      const accepted = this.accept(open, work.lab);
      return accepted.ok ? ok(this.state(open)) : accepted;
    }
    let file: string | null = null;
    if (work.path !== null && (await this.options.files.open(work.path).catch(() => null))) file = work.path;
    // The fingerprint the work was based on: if the file was saved since, saving refuses instead of clobbering.
    const doc = this.addDocument(work.lab, file, { fingerprint: work.baseFingerprint });
    doc.revision = 1; // unsaved until the engineer saves it
    if (file === null) await this.options.files.discardAutosave(id.value.replace(/^unsaved-/, ''), null);
    this.scheduleAutosave(doc);
    if (file) await this.watch(doc);
    return ok(this.state(doc));
  }

  async recoveryDiscard(p: Params<'recovery.discard'>): Answer<'recovery.discard'> {
    const id = await this.storeWorkId(p.id);
    if (!id.ok) return id;
    const work = await this.options.files.readWork(id.value).catch(() => null);
    if (work) await this.options.files.discardAutosave(id.value.replace(/^unsaved-/, ''), work.path);
    return ok({});
  }

  private recoveryEntry(work: RecoveredWork) {
    const display = work.path === null ? null : this.options.paths.display(work.path);
    return { id: display === null ? work.id : `file:${display}`, path: display, title: work.title, savedAt: work.savedAt };
  }

  /** Ids handed to clients name files as they see them; those paths go through the path policy again. */
  private async storeWorkId(id: string): Promise<Result<string>> {
    if (!id.startsWith('file:')) return ok(id);
    const resolved = await this.options.paths.resolve(id.slice('file:'.length), 'open');
    return resolved.ok ? ok(`file:${resolved.absolute}`) : fail('not-found', 'that recovered work is no longer there');
  }

  // ---- internals ---------------------------------------------------------------------------

  /** `unsaved`: work that exists nowhere as a lab yet (an estate just imported), so closing it asks first. */
  private addDocument(lab: Lab, file: string | null, extra: { readOnly?: boolean; fingerprint?: string | null; unsaved?: boolean } = {}): OpenDocument {
    const doc: OpenDocument = {
      docId: `doc-${this.nextDoc++}`,
      file,
      lab,
      revision: 0,
      savedRevision: extra.unsaved ? -1 : 0,
      readOnly: extra.readOnly ?? false,
      fingerprint: extra.fingerprint ?? null,
      problems: checkReferences(lab, this.knownProfiles()),
      autosaveTimer: null,
      diskStamp: null,
      changeReported: false,
      watcher: null,
      holders: new Set(),
      pendingRuns: [],
    };
    this.documents.set(doc.docId, doc);
    return doc;
  }

  /** Takes a candidate document if it fits the schema; reference problems are kept and reported. */
  private accept(doc: OpenDocument, candidate: unknown): Result<DocumentStatus> {
    const parsed = labSchema.safeParse(candidate);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
      return fail('invalid-lab', `the change was not made: ${problems.map((x) => `${x.path} ${x.message}`).join('; ')}`, problems);
    }
    doc.lab = parsed.data;
    doc.problems = checkReferences(parsed.data, this.knownProfiles());
    doc.revision += 1;
    this.scheduleAutosave(doc);
    this.changed(doc);
    return ok(this.status(doc));
  }

  private async writeTo(doc: OpenDocument, file: string, expectedFingerprint: string | null, how: { replace?: boolean } = {}): Answer<'lab.save'> {
    const revision = doc.revision;
    const lab = doc.lab;
    const previousFile = doc.file;
    // Saved under a new name, the lab takes its recorded runs along.
    const carried = previousFile !== null && previousFile !== file ? readAllRuns(previousFile) : [];
    this.unwatch(doc);
    try {
      const saved = how.replace ? await this.options.files.replace(file, lab) : await this.options.files.save(file, lab, expectedFingerprint);
      if (carried.length || doc.pendingRuns.length) doc.pendingRuns = writeRuns(file, [...carried, ...doc.pendingRuns]);
      doc.file = file;
      doc.fingerprint = saved.fingerprint;
      doc.readOnly = false;
      doc.savedRevision = revision;
      doc.changeReported = false;
    } finally {
      await this.watch(doc);
    }
    if (previousFile !== file) await this.options.files.discardAutosave(this.autosaveKey(doc), previousFile).catch(() => undefined);
    if (doc.revision === doc.savedRevision) await this.dropAutosave(doc);
    await this.recent.add({ path: this.options.paths.display(file), title: lab.meta.title, openedAt: this.now().toISOString() });
    this.changed(doc);
    return ok(this.status(doc));
  }

  private scheduleAutosave(doc: OpenDocument): void {
    if (doc.autosaveTimer) clearTimeout(doc.autosaveTimer);
    doc.autosaveTimer = setTimeout(() => {
      doc.autosaveTimer = null;
      if (!this.documents.has(doc.docId) || doc.revision === doc.savedRevision) return;
      // A failed autosave must not break editing; the next edit tries again.
      this.options.files.autosave(this.autosaveKey(doc), doc.file, doc.lab, doc.fingerprint).catch(() => undefined);
    }, this.options.autosaveDelayMs ?? 2000);
    doc.autosaveTimer.unref?.();
  }

  private async dropAutosave(doc: OpenDocument): Promise<void> {
    if (doc.autosaveTimer) clearTimeout(doc.autosaveTimer);
    doc.autosaveTimer = null;
    await this.options.files.discardAutosave(this.autosaveKey(doc), doc.file).catch(() => undefined);
  }

  private autosaveKey(doc: OpenDocument): string {
    return `${this.sessionId}-${doc.docId}`;
  }

  // Polling (not fs.watch) because it also works on network shares, where lab files often live.
  private async watch(doc: OpenDocument): Promise<void> {
    const interval = this.options.watchIntervalMs ?? 2000;
    if (doc.file === null || interval <= 0) return;
    doc.diskStamp = await stampOf(doc.file);
    const file = doc.file;
    doc.watcher = (current: Stats) => {
      if (!this.documents.has(doc.docId) || doc.file !== file || doc.changeReported) return;
      const stamp = current.mtimeMs === 0 ? null : `${current.size}:${current.mtimeMs}`;
      if (stamp === doc.diskStamp) return;
      doc.changeReported = true;
      this.events.emit('file.changedOnDisk', { docId: doc.docId, path: this.options.paths.display(file) });
    };
    watchFile(file, { interval, persistent: false }, doc.watcher);
  }

  private unwatch(doc: OpenDocument): void {
    if (doc.file !== null && doc.watcher) unwatchFile(doc.file, doc.watcher);
    doc.watcher = null;
  }

  private changed(doc: OpenDocument): void {
    this.events.emit('document.changed', this.status(doc));
  }

  private knownProfiles(): readonly string[] {
    return CATALOGUE_IDS;
  }

  private displayName(doc: OpenDocument): string {
    return doc.file ? path.basename(doc.file) : doc.lab.meta.title;
  }

  private status(doc: OpenDocument): DocumentStatus {
    return {
      docId: doc.docId,
      path: doc.file === null ? null : this.options.paths.display(doc.file),
      displayName: this.displayName(doc),
      revision: doc.revision,
      savedRevision: doc.savedRevision,
      dirty: doc.revision !== doc.savedRevision,
      readOnly: doc.readOnly,
      problems: doc.problems,
    };
  }

  private state(doc: OpenDocument): DocumentState {
    return { ...this.status(doc), document: doc.lab };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function notOpen(docId: string): Result<never> {
  return fail('not-found', `no open lab is called "${docId}"; it may have been closed`);
}

function noClient(): Result<never> {
  return fail('invalid-lab', 'the lab has no client to ping from; add a client and cable it to a switch');
}

function staleRevision(doc: OpenDocument, base: number): Result<never> {
  return fail('stale-revision', `the lab changed since this edit was made (revision ${doc.revision}, the edit was for ${base}); reload it`);
}

function labHasProblems(problems: Problem[]): Result<never> {
  const n = problems.length;
  return fail('invalid-lab', `the lab has ${n} problem${n === 1 ? '' : 's'} to fix before running it: ${problems[0].path} ${problems[0].message}`, problems);
}

function safeFileName(title: string): string {
  return title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'lab';
}

async function readText(file: string): Promise<Result<string>> {
  try {
    return ok(await readFile(file, 'utf8'));
  } catch (error) {
    return fail('file-error', `${path.basename(file)} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null;
}

async function stampOf(file: string): Promise<string | null> {
  const s = await stat(file).catch(() => null);
  return s ? `${s.size}:${s.mtimeMs}` : null;
}

/** Turns a thrown store failure into a result; anything else is a bug reported as `internal`. */
function failure(error: unknown): Result<never> {
  if (error instanceof LabFileFailure) return fail(error.kind, error.message, error.problems);
  // The details go to the log; the window gets a sentence, never internals or file paths.
  console.error('lab-planner: a request failed:', error);
  const apiError: ApiError = { code: 'internal', message: 'Lab Planner could not carry out this request; the details are in its log' };
  return { ok: false, error: apiError };
}
