// The service API: every request and every pushed event, declared once with zod. Transport-free.
//
// How the pieces meet:
// - Requests: `invoke(name, params)` resolves with a Result — `{ ok: true, value }` or
//   `{ ok: false, error: { code, message, problems? } }`. Mistakes a user can make are values,
//   never thrown; a rejected promise means the transport itself broke.
// - Events: `on(name, listener)` → unsubscribe function.
// - Electron: the preload exposes exactly `window.api: LabPlannerApi`.
//   Browser host: a WebSocket at `API_SOCKET_PATH?token=<the token of the page URL>`, carrying
//   the `WireMessage` envelopes below as JSON text (one message per frame).
//
// Documents: the service holds open documents, each named by a `docId`. Every accepted change
// bumps `revision`; `dirty` is `revision !== savedRevision`.
//
// Undo/redo is the renderer's: every edit is a command the renderer turns into a list of
// `EditOp`s (and keeps the inverse list for undo). Undo and redo send those lists through
// `lab.edit` like any edit, so the service stays a plain document holder with revisions.
// `lab.edit` applies a list atomically: if the result does not fit the lab schema (a bad IP, a
// missing name) nothing changes and the error lists the problems. Cross-reference problems
// (a team member that is not on the host, a duplicate IP) are accepted and reported in
// `problems`: they are what the problems panel shows.
//
// Files: `lab.open` / `lab.saveAs` / `lab.importJson` without a path (or text) ask the host to
// pick one: Electron shows a native dialog; the browser host answers `needs-path` and the
// renderer offers its own picker fed by `workspace.listFiles`. `app.info.canPickFiles` says which.
// Paths in the browser host are relative to its workspace folder and must name `.lab` files
// inside it.
//
// Exports (`capture.export`, `report.export`): without `path` the bytes (base64) or HTML text come
// back for the renderer to offer as a download; with `path` the service writes the file (browser
// host: a `.pcap`/`.html` file or, for several captures, a folder inside the workspace, same
// refusals as save-as). `saveToFile: true` without a path asks the host for a native save dialog
// (Electron); the browser host answers `needs-path`.
// The what-if view: `matrix.run` answers `matrixWireSchema`, a compact form (each kind of case
// described once, each cell a short tuple) that `expandMatrixView` (shared/matrix-view.ts) turns
// into `MatrixView`, cells with ids and canvas element ids; `matrix.cells` events carry the same
// pieces while the run goes. Clicking a cell calls `matrix.runCell` with the cell's id, which
// rebuilds its drill and answers the full DrillResult.
import { z } from 'zod';
import { labSchema } from './lab.js';
import { drillReportSchema, drillResultSchema, drillSchema, snapshotSchema, DIAGNOSIS_CODES } from './drill.js';
import { driverProfileSchema } from './driver.js';
import { designCheckSchema } from './checks.js';
import { traceSchema, traceFilterSchema } from './trace.js';

export const API_VERSION = 1;
/** Browser host: WebSocket path; the per-run token goes in the `token` query parameter. */
export const API_SOCKET_PATH = '/api';
export const API_TOKEN_PARAM = 'token';

// ---- errors and results ----------------------------------------------------------------------

export const ERROR_CODES = [
  /** The request or its params do not match this contract. */
  'invalid-request',
  /** The document does not fit the lab schema or its references; see `problems`. */
  'invalid-lab',
  /** The file is not a lab file, is damaged, or was written by a newer Lab Planner. */
  'bad-file',
  /** The file or folder does not exist, or cannot be read or written. */
  'file-error',
  /** The path is outside the workspace, not a `.lab` file, or escapes through a link. */
  'path-refused',
  /** Another copy was saved to the file since it was opened; save-as or reload. */
  'changed-on-disk',
  /** The file is on a read-only location; save-as elsewhere. */
  'read-only',
  /** The document has a revision newer than the edit was based on. */
  'stale-revision',
  /** Closing would lose unsaved changes; save first or close with `discard`. */
  'unsaved-changes',
  /** Save-as would replace another lab file; ask, then resend with `overwrite: true`. */
  'file-exists',
  /** The document was never saved; use `lab.saveAs`. */
  'needs-path',
  /** The user dismissed a dialog or cancelled a run. */
  'cancelled',
  /** No open document, example, drill, run or recovery entry by that name. */
  'not-found',
  /** This host cannot do that (e.g. native dialogs in the browser host). */
  'unsupported',
  /** A bug: the message says what failed. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const problemSchema = z.object({ path: z.string(), message: z.string() }).strict();

export const apiErrorSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    /** One sentence in the domain's words, shown to the engineer as is (as text, never HTML). */
    message: z.string(),
    /** Document problems, for `invalid-lab` and `bad-file`. */
    problems: z.array(problemSchema).optional(),
  })
  .strict();
export type ApiError = z.output<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }).strict(),
    z.object({ ok: z.literal(false), error: apiErrorSchema }).strict(),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, problems?: z.output<typeof problemSchema>[]): Result<never> => ({
  ok: false,
  error: problems ? { code, message, problems } : { code, message },
});

// ---- shared pieces ---------------------------------------------------------------------------

const docId = z.string().min(1).max(100);
/** A file path: relative to the workspace in the browser host, absolute or relative under Electron. */
const filePath = z.string().min(1).max(4096);
/** Chosen by the renderer so it can show progress and cancel before the run's result arrives. */
const runId = z.string().min(1).max(100);

/** Where a property or element sits in the document: keys and array indexes, e.g. ['hosts', 0, 'name']. */
export const docPathSchema = z.array(z.union([z.string().min(1).max(500), z.number().int().min(0)])).max(32);

export const editOpSchema = z.discriminatedUnion('op', [
  /** Set a property or replace an array element. */
  z.object({ op: z.literal('set'), path: docPathSchema.min(1), value: z.unknown() }).strict(),
  /** Insert into the array at `path`; at the end when `index` is absent. */
  z.object({ op: z.literal('insert'), path: docPathSchema, index: z.number().int().min(0).optional(), value: z.unknown() }).strict(),
  /** Remove a property or an array element. */
  z.object({ op: z.literal('remove'), path: docPathSchema.min(1) }).strict(),
  /** Move an element of the array at `path` (e.g. reorder drill steps). */
  z.object({ op: z.literal('move'), path: docPathSchema, from: z.number().int().min(0), to: z.number().int().min(0) }).strict(),
]);
export type EditOp = z.output<typeof editOpSchema>;

/** What a document is now; every request that opens or creates a document answers with it. */
/** What `lab.importHyperV` found, and each default it took in the words of its design-check warning. */
export const importSummarySchema = z
  .object({
    hosts: z.number().int(),
    nics: z.number().int(),
    teams: z.number().int(),
    virtualSwitches: z.number().int(),
    vms: z.number().int(),
    switches: z.number().int(),
    cablesPlaced: z.number().int(),
    defaults: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .strict();

export const documentStateSchema = z
  .object({
    docId,
    /** The file it is saved to; null for a new or imported lab not saved yet. */
    path: z.string().nullable(),
    /** File name for the window title ("field-report.lab"), or the lab title when unsaved. */
    displayName: z.string(),
    document: labSchema,
    revision: z.number().int().min(0),
    savedRevision: z.number().int().min(0),
    dirty: z.boolean(),
    readOnly: z.boolean(),
    /** Cross-reference problems of the document (empty when the lab is valid). */
    problems: z.array(problemSchema),
  })
  .strict();
export type ImportSummary = z.output<typeof importSummarySchema>;
export type DocumentState = z.output<typeof documentStateSchema>;

/** A small summary of a document after a change, also pushed as `document.changed`. */
export const documentStatusSchema = documentStateSchema.omit({ document: true });
export type DocumentStatus = z.output<typeof documentStatusSchema>;

export const exampleSchema = z
  .object({ id: z.string(), title: z.string(), description: z.string(), fileName: z.string() })
  .strict();

export const recentFileSchema = z
  .object({ path: z.string(), displayName: z.string(), title: z.string(), openedAt: z.string() })
  .strict();

export const workspaceFileSchema = z
  .object({ path: z.string(), name: z.string(), sizeBytes: z.number().int().min(0), modifiedAt: z.string() })
  .strict();

export const recoveryEntrySchema = z
  .object({
    id: z.string(),
    /** The file the work belonged to; null for a lab never saved. */
    path: z.string().nullable(),
    title: z.string(),
    savedAt: z.string(),
  })
  .strict();

export const matrixCellSchema = z
  .object({
    /** What was tried, e.g. "restart Guest1 after migration to HostB" or "fail switch2". */
    scenario: z.string(),
    kind: z.enum(['vm-event', 'failure', 'failure-pair']),
    lostVms: z.array(z.object({ vm: z.string(), downtimeMs: z.number(), code: z.string().nullable() }).strict()),
  })
  .strict();
export const matrixResultSchema = z
  .object({
    depth: z.number().int().min(1).max(2),
    cells: z.array(matrixCellSchema),
    /** Identical outcomes grouped, one sentence each. */
    groups: z.array(z.object({ summary: z.string(), cells: z.array(z.number().int()) }).strict()),
  })
  .strict();

// The matrix as the window shows it: the summary fields above plus what a heatmap cell needs to
// highlight its elements and open its drill. `matrixResultSchema` stays the summary shape.
export const MATRIX_EVENT_KINDS = [
  'restart', 'mac-mode-restart', 'live-migrate', 'migrate-restart',
  'nic', 'cable', 'port', 'switch', 'inter-switch-link', 'host', 'flap', 'one-way', 'pair',
] as const;
/** ok: every pinged VM kept connectivity; lost: some did not; client-isolated: not judged (the client itself is cut off); error: not simulated. */
export const MATRIX_CELL_STATUSES = ['ok', 'lost', 'client-isolated', 'error'] as const;

export const matrixCellDetailSchema = matrixCellSchema
  .extend({
    /** Stable across runs of the same lab, e.g. "vm:Guest1/migrate-restart:HostB", "fail:switch:switch2"; `matrix.runCell` takes it. */
    id: z.string(),
    /** Position in `cells` (cells are in a fixed order). */
    index: z.number().int().min(0),
    event: z.enum(MATRIX_EVENT_KINDS),
    /** The heatmap column: the event without the VM, e.g. "live-migrate to HostB, then restart" or "fail switch switch2". */
    label: z.string(),
    /** The VM the event happens to (the heatmap row); null for infrastructure failures, which ping every VM they can touch. */
    vm: z.string().nullable(),
    /** Canvas ids (shared/checks.ts scheme: "switch:switch2", "nic:HostB/NIC3", "cable:…") of what the cell acts on. */
    elements: z.array(z.string()),
    status: z.enum(MATRIX_CELL_STATUSES),
    /** VMs pinged in this cell; those not in `lostVms` kept connectivity. */
    pingedVms: z.array(z.string()),
    /** Longest downtime of the VMs that kept connectivity (failover blips, boot time). */
    okMaxDowntimeMs: z.number(),
    /** Steps the simulation could not carry out, or why the cell could not run. */
    problems: z.array(z.string()),
  })
  .strict();
export type MatrixCellDetail = z.output<typeof matrixCellDetailSchema>;

export const matrixGroupDetailSchema = z
  .object({
    summary: z.string(),
    cells: z.array(z.number().int()),
    event: z.enum(MATRIX_EVENT_KINDS),
    status: z.enum(MATRIX_CELL_STATUSES),
    code: z.enum(DIAGNOSIS_CODES).nullable(),
    vms: z.array(z.string()),
    maxDowntimeMs: z.number(),
  })
  .strict();

/** What one matrix run was: the same in the view, the compact answer and the streamed header. */
const matrixRunFields = {
  depth: z.number().int().min(1).max(2),
  seed: z.number().int(),
  /** The client that pinged. */
  client: z.string(),
  /** Running VMs: the rows of the heatmap. */
  vms: z.array(z.string()),
};

export const matrixViewSchema = z
  .object({
    ...matrixRunFields,
    cells: z.array(matrixCellDetailSchema),
    /** Identical outcomes grouped, one sentence each, losses first. */
    groups: z.array(matrixGroupDetailSchema),
    /** True when any cell lost a VM. */
    lostAny: z.boolean(),
  })
  .strict();
export type MatrixView = z.output<typeof matrixViewSchema>;

const cellIndex = z.number().int().min(0);
const vmRow = z.number().int().min(0);
/** What a kind of case tried, shared by every cell alike; a cell names it by its position. */
export const matrixCaseSchema = z
  .object({
    /** VM events: the id after "vm:<VM>/" ("restart", "live-migrate:HostB"); failures: the cell id ("fail:switch:switch2"). */
    key: z.string(),
    event: z.enum(MATRIX_EVENT_KINDS),
    kind: z.enum(['vm-event', 'failure', 'failure-pair']),
    /** The heatmap column's words: "live-migrate to HostB", "fail switch switch2". */
    label: z.string(),
    /** Canvas ids the case acts on besides its VM. */
    elements: z.array(z.string()),
    /**
     * Failures: the rows (positions in `vms`) pinged, as runs of consecutive rows: [first row, how many, first row,
     * how many, …] (a whole-lab failure of a 1,000-VM lab is [0, 1000], not a thousand numbers); a VM event pings
     * only its VM.
     */
    pingedRuns: z.array(vmRow).optional(),
  })
  .strict();
export type MatrixCase = z.output<typeof matrixCaseSchema>;
/** One cell: [index, case (position in `cases`), row of its VM or -1 for a failure, status, longest downtime of the VMs that kept connectivity]. */
export const matrixWireCellSchema = z.tuple([cellIndex, z.number().int().min(0), z.number().int().min(-1), z.enum(MATRIX_CELL_STATUSES), z.number()]);
export type MatrixWireCell = z.output<typeof matrixWireCellSchema>;
/** A VM a cell lost, in the cell's order. */
export const matrixWireLossSchema = z.object({ cell: cellIndex, vm: vmRow, downtimeMs: z.number(), code: z.string().nullable() }).strict();
export const matrixWireProblemsSchema = z.object({ cell: cellIndex, problems: z.array(z.string()) }).strict();
/** Finished cells: only cells that lost a VM have losses, only cells with problems have problems. */
export const matrixWireCellsSchema = z
  .object({ cells: z.array(matrixWireCellSchema), losses: z.array(matrixWireLossSchema), problems: z.array(matrixWireProblemsSchema) })
  .strict();
export type MatrixWireCells = z.output<typeof matrixWireCellsSchema>;
/** What every cell of one matrix refers to, known before the first cell runs. */
export const matrixHeaderSchema = z
  .object({
    ...matrixRunFields,
    cases: z.array(matrixCaseSchema),
    /** Cells in the whole matrix. */
    total: z.number().int().min(0),
  })
  .strict();
export type MatrixHeader = z.output<typeof matrixHeaderSchema>;
export const matrixWireSchema = matrixHeaderSchema
  .extend({ ...matrixWireCellsSchema.shape, groups: z.array(matrixGroupDetailSchema), lostAny: z.boolean() })
  .strict();
export type MatrixWire = z.output<typeof matrixWireSchema>;

/** One file of `capture.export`: bytes for a download, or where it was written. */
export const captureFileSchema = z
  .object({
    /** The capture point as engineers write it: "HostB/NIC3", "switch1/port2", "Client1", "Guest1" (its virtual switch port); a pcapng file lists its points ("HostB/NIC3, Client1"). */
    point: z.string(),
    /** Canvas id of the element captured at (the VM's id for a virtual switch port); '' for a pcapng file of several points. */
    elementId: z.string(),
    /** "migrate-then-restart--HostB-NIC3.pcap" */
    fileName: z.string(),
    frames: z.number().int().min(0),
    sizeBytes: z.number().int().min(0),
    /** The pcap (or, for `format: 'pcapng'`, the one pcapng) file, base64; absent when written to `savedTo`. */
    base64: z.string().optional(),
    /** Where it was written (as `path` is shown: workspace-relative in the browser host); null when returned as bytes. */
    savedTo: z.string().nullable(),
  })
  .strict();

export const capturePointSchema = z
  .object({
    /** As `capture.export` takes it. */
    point: z.string(),
    kind: z.enum(['nic', 'port', 'client', 'vm']),
    elementId: z.string(),
    /** Captured when `points` is left out: every cabled host NIC and every client. */
    byDefault: z.boolean(),
  })
  .strict();

export const labTemplateSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    defaults: z.object({ hosts: z.number().int(), vmsPerHost: z.number().int() }).strict(),
    minHosts: z.number().int(),
    maxHosts: z.number().int(),
    maxVmsPerHost: z.number().int(),
  })
  .strict();

/** Two different changes to one field: "VM Guest3: MAC mode — ours static, theirs dynamic". */
export const mergeConflictSchema = z
  .object({
    element: z.string(),
    field: z.string().optional(),
    ours: z.unknown(),
    theirs: z.unknown(),
    /** Names the conflict in `choices`: "vms[Guest3].macMode". */
    path: z.string(),
    text: z.string(),
    /** The side `choices` settled it with; null while unsettled. */
    choice: z.enum(['ours', 'theirs']).nullable(),
  })
  .strict();

/** One recorded drill run, numbered as `lab-planner history` numbers them (#1 the oldest). */
export const runSummarySchema = z
  .object({
    run: z.number().int().min(1),
    ranAt: z.string(),
    seed: z.number().int(),
    appVersion: z.string(),
    passed: z.boolean(),
    /** False for a run of a lab not saved yet: it goes into the file when the lab is saved. */
    inFile: z.boolean(),
    drills: z.array(z.object({ name: z.string(), passed: z.boolean() }).strict()),
  })
  .strict();
export type RunSummary = z.output<typeof runSummarySchema>;

const runChangeSchema = z
  .object({
    kind: z.enum(['verdict', 'lost', 'regained', 'vm-verdict', 'downtime', 'diagnosis', 'vm-only', 'drill-only']),
    vm: z.string().nullable(),
    /** "VM Guest1 regained the network (…)", shown as text. */
    text: z.string(),
  })
  .strict();

/** One difference of `lab.compare`: `lab-planner diff`'s record plus the canvas ids of what it is about. */
export const labChangeSchema = z
  .object({
    kind: z.enum(['added', 'removed', 'changed']),
    entity: z.string(),
    name: z.string(),
    field: z.string().optional(),
    /** The line `lab-planner diff` prints: "VM Guest1: MAC mode dynamic → static". */
    text: z.string(),
    /** Canvas ids (shared/checks.ts scheme) in the open lab; empty for what is not drawn (settings, drills, removed elements). */
    elements: z.array(z.string()),
  })
  .strict();
export type LabChangeView = z.output<typeof labChangeSchema>;

export const hostKindSchema = z.enum(['electron', 'browser']);

// ---- requests --------------------------------------------------------------------------------

const empty = z.object({}).strict();
const byDoc = z.object({ docId }).strict();
/** Params of a request about one drill: a lab drill by name, or a what-if matrix cell by id, with its seed. */
const drillOrCell = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object({
      docId,
      drill: z.string().min(1).max(200).optional(),
      cellId: z.string().min(1).max(2000).optional(),
      seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
      ...shape,
    })
    .strict()
    .refine((p) => {
      const named = p as { drill?: string; cellId?: string };
      return (named.drill === undefined) !== (named.cellId === undefined);
    }, { message: 'name either a drill or a matrix cell (cellId), not both', path: ['drill'] });
const nothing = z.object({}).strict();

export const requests = {
  /** Which host this is, what it can do, and what to open at start. */
  'app.info': {
    params: empty,
    result: z
      .object({
        apiVersion: z.number().int(),
        appVersion: z.string(),
        host: hostKindSchema,
        /** True when the host shows native open/save dialogs (Electron). */
        canPickFiles: z.boolean(),
        /** The browser host's workspace folder; null under Electron. */
        workspace: z.string().nullable(),
        /** Open this at start (command line, file association, `npm start`); null: start empty. */
        startup: z.union([z.object({ path: filePath }).strict(), z.object({ example: z.string() }).strict(), z.null()]),
      })
      .strict(),
  },
  'examples.list': { params: empty, result: z.object({ examples: z.array(exampleSchema) }).strict() },
  'recent.list': { params: empty, result: z.object({ files: z.array(recentFileSchema) }).strict() },
  'recent.clear': { params: empty, result: nothing },
  /** `.lab` files of the workspace (browser host) or of the folder of the recent files (Electron). */
  'workspace.listFiles': { params: empty, result: z.object({ files: z.array(workspaceFileSchema) }).strict() },

  /** A new unsaved lab: empty, or a copy of an example. */
  'lab.new': {
    params: z.object({ from: z.union([z.object({ kind: z.literal('empty') }).strict(), z.object({ kind: z.literal('example'), id: z.string().min(1).max(200) }).strict()]) }).strict(),
    result: documentStateSchema,
  },
  /** Open a `.lab` file (or a `.lab.json` export); without a path the host picks one. */
  'lab.open': { params: z.object({ path: filePath.optional() }).strict(), result: documentStateSchema },
  'lab.get': { params: byDoc, result: documentStateSchema },
  'lab.save': { params: byDoc, result: documentStatusSchema },
  /** Save to a new path (a `.lab` file); without a path the host picks one. */
  'lab.saveAs': { params: z.object({ docId, path: filePath.optional(), overwrite: z.boolean().optional() }).strict(), result: documentStatusSchema },
  /** Read the file again, dropping unsaved changes (after `file.changedOnDisk`). */
  'lab.reload': { params: byDoc, result: documentStateSchema },
  'lab.close': { params: z.object({ docId, discard: z.boolean().default(false) }).strict(), result: nothing },
  /** Apply one edit command (a list of ops) atomically; `baseRevision` guards against lost updates. */
  'lab.edit': {
    params: z.object({ docId, baseRevision: z.number().int().min(0), ops: z.array(editOpSchema).min(1).max(10_000) }).strict(),
    result: documentStatusSchema,
  },
  /** Replace the whole document (e.g. auto-layout of every position, paste of a lab). */
  'lab.replace': {
    params: z.object({ docId, baseRevision: z.number().int().min(0), document: z.unknown() }).strict(),
    result: documentStatusSchema,
  },
  /** Check a document without keeping it: schema and references. */
  'lab.validate': {
    params: z.object({ document: z.unknown() }).strict(),
    result: z.object({ valid: z.boolean(), problems: z.array(problemSchema) }).strict(),
  },
  /** Design checks that need no simulation (shared/checks.ts); elements carry canvas ids. */
  'lab.lint': { params: byDoc, result: z.object({ findings: z.array(designCheckSchema) }).strict() },
  /** The whole document as stable, diffable JSON; `saveToFile` asks the host to save it too (Electron). */
  'lab.exportJson': {
    params: z.object({ docId, saveToFile: z.boolean().default(false) }).strict(),
    result: z.object({ text: z.string(), fileName: z.string(), savedTo: z.string().nullable() }).strict(),
  },
  /** A new unsaved document from JSON text; without text the host picks a file (Electron). */
  'lab.importJson': {
    params: z.object({ text: z.string().max(200_000_000).optional(), fileName: z.string().max(1000).optional() }).strict(),
    result: documentStateSchema,
  },
  /**
   * A new unsaved lab from a Hyper-V estate folder (HOST/CMDLET.json per host, switches/SWITCH.txt);
   * without a path the host picks the folder. The summary says what was found and each default taken.
   */
  'lab.importHyperV': {
    params: z.object({ path: filePath.optional() }).strict(),
    result: z.object({ document: documentStateSchema, summary: importSummarySchema }).strict(),
  },

  /** The built-in driver catalogue plus the document's own profiles when `docId` is given. */
  'drivers.list': {
    params: z.object({ docId: docId.optional() }).strict(),
    result: z.object({ profiles: z.array(driverProfileSchema) }).strict(),
  },
  /** Run drills of the document as it is now (all when `drills` is absent); answers when done. */
  'drills.run': {
    params: z
      .object({
        docId,
        runId,
        drills: z.array(z.string().min(1).max(200)).max(1000).optional(),
        seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
        /** Keep the run in the lab's run history (`runs.list`): in its `.lab` file, or until the lab is saved. */
        record: z.boolean().default(false),
      })
      .strict(),
    result: drillReportSchema,
  },
  /** Stop a drill or matrix run; its request then answers `cancelled`. */
  'run.cancel': { params: z.object({ runId }).strict(), result: z.object({ cancelled: z.boolean() }).strict() },
  /**
   * The what-if matrix of the document; answers when done, progress as `run.progress` and the
   * cells as they finish as `matrix.cells`. Cases alike are simulated once, and cases already
   * simulated for an earlier revision with the same inputs are not simulated again.
   */
  'matrix.run': {
    params: z.object({ docId, runId, depth: z.union([z.literal(1), z.literal(2)]).default(1), seed: z.number().int().min(0).max(2 ** 31 - 1).optional() }).strict(),
    result: matrixWireSchema,
  },

  /**
   * Runs one matrix cell's drill on the document as it is now, with per-step snapshots: what the
   * window opens when a heatmap cell is clicked. Nothing in the document changes. `cell` is the
   * cell with its verdict from this run (the same as in `matrix.run` for the same document and
   * seed). To keep the drill, insert `drillToAdd` with `lab.edit`
   * (`{ op: 'insert', path: ['drills'], value: drillToAdd }`), so it is undoable like any edit.
   */
  'matrix.runCell': {
    params: z.object({ docId, cellId: z.string().min(1).max(2000), seed: z.number().int().min(0).max(2 ** 31 - 1).optional() }).strict(),
    result: z.object({ cell: matrixCellDetailSchema, drill: drillSchema, result: drillResultSchema, drillToAdd: drillSchema }).strict(),
  },
  /**
   * The event list of one drill (a lab drill by name, or a matrix cell's drill by `cellId`): every
   * hop of every frame in the window asked for, filtered by VM, frame kind and drops; the same
   * events as `lab-planner trace`. Deterministic for the same document and seed; capped (`truncated`).
   */
  'drills.trace': {
    params: drillOrCell({ filter: traceFilterSchema.default({ dropsOnly: false }) }),
    result: traceSchema,
  },
  /** The tables (ARP, MAC, team VM tables, VMs) of one drill at one moment (ms from the drill start). */
  'drills.stateAt': {
    params: drillOrCell({ atMs: z.number().finite().min(0) }),
    result: z.object({ snapshot: snapshotSchema }).strict(),
  },
  /** Where `capture.export` can capture in this document, with the default choice marked. */
  'capture.points': { params: byDoc, result: z.object({ points: z.array(capturePointSchema) }).strict() },
  /**
   * Runs one drill (a lab drill by name, or a matrix cell's drill by `cellId`) with captures at
   * `points` (default: every cabled host NIC and every client) and gives one classic pcap file per
   * point. Without `path` the files come back as base64 for a download. With `path`: a `.pcap`
   * file when one point is captured, otherwise a folder (created when missing) that receives
   * `fileName`s; in the browser host the path is relative to the workspace and must stay inside it.
   * `saveToFile` without `path` asks the host to pick one (Electron; the browser host answers `needs-path`).
   * `format: 'pcapng'` gives one file ("DRILL--all-points.pcapng") holding every point as an interface
   * named after it, so Wireshark shows which point saw each frame; its `path` is a `.pcapng` file.
   */
  'capture.export': {
    params: drillOrCell({
      points: z.array(z.string().min(1).max(500)).max(1000).optional(),
      path: filePath.optional(),
      saveToFile: z.boolean().default(false),
      /** `pcapng`: every point in one file, one interface named after each point (a `.pcapng` path). */
      format: z.enum(['pcap', 'pcapng']).default('pcap'),
    }),
    result: z.object({ drill: z.string(), passed: z.boolean(), files: z.array(captureFileSchema) }).strict(),
  },
  /**
   * The self-contained HTML report (topology, design checks, every drill, the what-if matrix
   * unless `includeMatrix` is false). Without `path` the HTML comes back as text for a download;
   * with `path` (an `.html` file; inside the workspace in the browser host) it is written there.
   * With `runId`, progress streams as `run.progress` and `run.cancel` stops it.
   */
  'report.export': {
    params: z
      .object({
        docId,
        runId: runId.optional(),
        depth: z.union([z.literal(1), z.literal(2)]).default(1),
        includeMatrix: z.boolean().default(true),
        path: filePath.optional(),
        saveToFile: z.boolean().default(false),
      })
      .strict(),
    result: z
      .object({
        /** The HTML; absent when written to `savedTo`. */
        html: z.string().optional(),
        fileName: z.string(),
        savedTo: z.string().nullable(),
        sizeBytes: z.number().int().min(0),
        checks: z.number().int().min(0),
        drills: z.number().int().min(0),
        matrixCells: z.number().int().min(0),
      })
      .strict(),
  },

  /** The lab templates `lab.newFromTemplate` builds, each with its default and allowed size. */
  'templates.list': { params: empty, result: z.object({ templates: z.array(labTemplateSchema) }).strict() },
  /** A new unsaved lab built from a template at a size (hosts, VMs per host), with its drills; like `lab.new`. */
  'lab.newFromTemplate': {
    params: z.object({ id: z.string().min(1).max(200), hosts: z.number().int().optional(), vmsPerHost: z.number().int().optional() }).strict(),
    result: documentStateSchema,
  },
  /**
   * The topology as a diagram: a draw.io file (hosts as containers), a Mermaid graph or the report's
   * SVG. Without `path` the text comes back for a download; with `path` (a `.drawio`, `.mmd` or `.svg`
   * file; inside the workspace in the browser host) it is written there.
   */
  'diagram.export': {
    params: z.object({ docId, format: z.enum(['drawio', 'mermaid', 'svg']), path: filePath.optional() }).strict(),
    result: z.object({ text: z.string().optional(), fileName: z.string(), savedTo: z.string().nullable() }).strict(),
  },
  /**
   * Merges another engineer's copy (`theirs`, a `.lab` or `.lab.json` file) into the open lab with
   * their common ancestor (`base`; default: the open lab as last saved). Nothing changes in the
   * document: with every conflict settled by `choices` (conflict path → side) `merged` is the lab to
   * apply (the renderer sends it as one undoable edit); otherwise `merged` is null.
   */
  'lab.merge': {
    params: z
      .object({ docId, theirs: filePath, base: filePath.optional(), choices: z.record(z.string().max(2000), z.enum(['ours', 'theirs'])).optional() })
      .strict(),
    result: z
      .object({
        conflicts: z.array(mergeConflictSchema),
        /** Changes of theirs taken without a conflict. */
        cleanChanges: z.number().int().min(0),
        merged: labSchema.nullable(),
        /** Cross-reference problems of the merged lab (each side's changes fine alone, not together). */
        problems: z.array(problemSchema),
      })
      .strict(),
  },

  /**
   * What changed from another lab (a `.lab` or `.lab.json` file, or a bundled example) to the open
   * lab, in `lab-planner diff`'s words; nothing changes. Without `path` or `example` the host picks
   * a file (Electron); the browser host answers `needs-path`.
   */
  'lab.compare': {
    params: z
      .object({ docId, path: filePath.optional(), example: z.string().min(1).max(200).optional() })
      .strict()
      .refine((p) => p.path === undefined || p.example === undefined, { message: 'name a file or an example, not both', path: ['path'] }),
    result: z.object({ other: z.string(), changes: z.array(labChangeSchema) }).strict(),
  },
  /**
   * The drill runs recorded for the open lab, oldest first: those in its `.lab` file, then those of
   * this session not saved yet. `drills.run` with `record: true` records one.
   */
  'runs.list': { params: byDoc, result: z.object({ runs: z.array(runSummarySchema) }).strict() },
  /** One recorded run with its full results, as `drills.run` answered them. */
  'runs.get': {
    params: z.object({ docId, run: z.number().int().min(1).max(1_000_000) }).strict(),
    result: z.object({ run: runSummarySchema, report: drillReportSchema }).strict(),
  },
  /** What changed from run `from` to run `to`, drill by drill, in the domain's words (shared/run-compare.ts). */
  'runs.compare': {
    params: z.object({ docId, from: z.number().int().min(1).max(1_000_000), to: z.number().int().min(1).max(1_000_000) }).strict(),
    result: z
      .object({
        from: runSummarySchema,
        to: runSummarySchema,
        same: z.boolean(),
        drills: z.array(
          z
            .object({ drill: z.string(), from: z.enum(['passed', 'failed']).nullable(), to: z.enum(['passed', 'failed']).nullable(), changes: z.array(runChangeSchema) })
            .strict(),
        ),
      })
      .strict(),
  },

  /** Work autosaved before a crash, offered on the next start. */
  'recovery.list': { params: empty, result: z.object({ entries: z.array(recoveryEntrySchema) }).strict() },
  'recovery.restore': { params: z.object({ id: z.string().min(1).max(200) }).strict(), result: documentStateSchema },
  'recovery.discard': { params: z.object({ id: z.string().min(1).max(200) }).strict(), result: nothing },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type RequestName = keyof typeof requests;
export type RequestParams<N extends RequestName> = z.input<(typeof requests)[N]['params']>;
export type RequestValue<N extends RequestName> = z.output<(typeof requests)[N]['result']>;
export const REQUEST_NAMES = Object.keys(requests) as RequestName[];

// ---- events ----------------------------------------------------------------------------------

/** Commands of the Electron application menu, pushed to the focused window's renderer. */
export const APP_COMMANDS = [
  'new', 'new-from-example', 'open', 'save', 'save-as', 'import-json', 'import-hyperv', 'export-json',
  'undo', 'redo', 'delete', 'select-all', 'fit', 'run-drill', 'run-all-drills',
  'run-matrix', 'export-report', 'export-capture', 'new-from-template', 'export-diagram', 'merge', 'compare-with', 'run-history',
  'theme-light', 'theme-dark', 'theme-system', 'close',
  'command-palette', 'shortcut-reference', 'help-docs', 'about',
  'find', 'cable-tool', 'duplicate', 'rename', 'add-vms', 'add-hosts-like',
  'snap-to-grid', 'arrange-left', 'arrange-centre', 'arrange-right', 'arrange-top', 'arrange-middle', 'arrange-bottom',
  'arrange-horizontally', 'arrange-vertically',
  'toggle-minimap', 'collapse-hosts', 'expand-hosts', 'collapse-all-hosts', 'expand-all-hosts',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export const events = {
  /** Progress of `drills.run` or `matrix.run`: `done` of `total` finished, `current` running now. */
  'run.progress': z.object({ runId, docId, done: z.number().int().min(0), total: z.number().int().min(0), current: z.string() }).strict(),
  /**
   * Cells of a `matrix.run` as they finish, each once: the first event of a run carries the
   * `header` the cells refer to. `etaMs` estimates the time left (null before the first cell).
   */
  'matrix.cells': matrixWireCellsSchema
    .extend({
      runId,
      docId,
      header: matrixHeaderSchema.optional(),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
      lost: z.number().int().min(0),
      etaMs: z.number().int().min(0).nullable(),
    })
    .strict(),
  /** A document changed (edit, save, reload, edit from another window). */
  'document.changed': documentStatusSchema,
  /** The file of an open document was changed by someone else; offer reload or save-as. */
  'file.changedOnDisk': z.object({ docId, path: z.string() }).strict(),
  /** Autosaved work from an earlier session can be restored. */
  'recovery.available': z.object({ entries: z.array(recoveryEntrySchema) }).strict(),
  /** A menu item or an accelerator in the Electron shell; `open-path` carries the file to open. */
  'app.command': z.union([
    z.object({ command: z.enum(APP_COMMANDS) }).strict(),
    z.object({ command: z.literal('open-path'), path: filePath }).strict(),
  ]),
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type EventPayload<N extends EventName> = z.output<(typeof events)[N]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

// ---- the client surface (window.api and the WebSocket client implement it) -------------------

export interface LabPlannerApi {
  invoke<N extends RequestName>(request: N, params: RequestParams<N>): Promise<Result<RequestValue<N>>>;
  on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): () => void;
}

// ---- wire envelopes (WebSocket frames; the Electron IPC binding carries the same fields) ------

export const requestMessageSchema = z
  .object({
    kind: z.literal('request'),
    id: z.number().int().min(0),
    request: z.string().max(100),
    params: z.unknown(),
    /** Electron only: the window asking (a lab open in two windows closes when the last lets go). The browser host ignores it. */
    holder: z.string().max(100).optional(),
  })
  .strict();
/** Electron only: a window went away; the service lets go of every lab it held. */
export const releaseMessageSchema = z.object({ kind: z.literal('release'), holder: z.string().max(100) }).strict();
/** `result` is a Result; `id` -1 answers a frame that could not be read as a request at all. */
export const responseMessageSchema = z
  .object({ kind: z.literal('response'), id: z.number().int().min(-1), result: z.unknown() })
  .strict();
export const eventMessageSchema = z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }).strict();
export type RequestMessage = z.output<typeof requestMessageSchema>;
export type ResponseMessage = z.output<typeof responseMessageSchema>;
export type EventMessage = z.output<typeof eventMessageSchema>;
export type WireMessage = RequestMessage | ResponseMessage | EventMessage;

export function isRequestName(name: string): name is RequestName {
  return Object.prototype.hasOwnProperty.call(requests, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** Checks a request's name and params against the contract; the transports call it before the service. */
export function parseRequest(
  request: string,
  params: unknown,
): { ok: true; request: RequestName; params: unknown } | { ok: false; error: ApiError } {
  if (!isRequestName(request)) return { ok: false, error: { code: 'invalid-request', message: `"${String(request).slice(0, 100)}" is not a Lab Planner request` } };
  const parsed = requests[request].params.safeParse(params ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(params)', message: i.message }));
    return {
      ok: false,
      error: { code: 'invalid-request', message: `${request}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems },
    };
  }
  return { ok: true, request, params: parsed.data };
}
