// Editing the lab from the canvas and the keyboard: delete with a summary and Undo, copy, paste, duplicate, rename,
// bulk additions, snap to grid, align and distribute. Each is one edit, so one undo step.
import { nextTick, ref, shallowRef } from 'vue';
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { canvasHolder } from '../canvas/current.js';
import { placeInFreeSpace, placedIds } from '../canvas/placement.js';
import { removeElements, type Position } from '../stores/edits.js';
import { describeDeletion } from '../stores/deletion.js';
import { copyElements, isEmptyClip, pasteClip, addHostsLike, addVmsTo, type Clip } from '../stores/clipboard.js';
import { resolveElement } from '../stores/elements.js';
import { showToast } from '../stores/toasts.js';
import type { Lab } from '../../shared/lab.js';
import { hostId } from '../../shared/checks.js';

/** What Ctrl+C copied last (this window's own clipboard: a lab's elements are no text for other programs). */
export const clipboard = shallowRef<Clip | null>(null);
/** The bulk-add dialog: "Add N VMs to this host…" or "Add N hosts like this one…". */
export const bulkAdd = ref<{ kind: 'vms' | 'hosts'; host: string } | null>(null);
/** The canvas' right-click menu: the kind of what was clicked ('many' for a multi-selection, 'canvas' for none), where. */
export const contextMenu = shallowRef<{ kind: string; label: string; client: Position; model: Position } | null>(null);

const KIND_WORDS: Record<string, string> = { host: 'Host', nic: 'NIC', team: 'Team', vswitch: 'Virtual switch', vm: 'VM', switch: 'Switch', port: 'Switch', client: 'Client', cable: 'Cable' };

export function useEditing() {
  const lab = useLabStore();
  const selection = useSelectionStore();

  /** The host the selection is, or is part of (a NIC, team, virtual switch or VM of it). */
  function selectedHost(): string | null {
    const doc = lab.doc;
    const id = selection.ids[0];
    if (!doc || !id) return null;
    const ref = resolveElement(doc, id);
    if (!ref) return null;
    if ('host' in ref) return doc.hosts[ref.host].name;
    if (ref.kind === 'vm') return doc.vms[ref.vm].host;
    return null;
  }

  /** Where new elements go: beside the selection when it has a place on the canvas, else the view centre. */
  function nearPoint(): Position {
    const adapter = canvasHolder.adapter;
    const doc = lab.doc;
    const host = selectedHost();
    const id = host ? hostId(host) : selection.ids.find((s) => doc && placedIds(doc).includes(s));
    const bb = id ? adapter?.cy.getElementById(id) : undefined;
    if (bb && !bb.empty()) {
      const box = bb.boundingBox({});
      return { x: box.x2 + box.w / 2 + 40, y: (box.y1 + box.y2) / 2 };
    }
    return adapter?.viewCentre() ?? { x: 0, y: 0 };
  }

  const placer = (near: Position) => (d: Lab, id: string) => void placeInFreeSpace(d, id, near);

  /** Deletes the elements; the toast says what went with them and offers Undo (the one step the delete was). */
  function deleteElements(ids: readonly string[]): string | null {
    const before = lab.doc;
    if (!before || ids.length === 0) return null;
    let summary = '';
    const refusal = lab.edit(ids.length === 1 ? 'Delete' : `Delete ${ids.length} elements`, (d) => {
      removeElements(d, ids);
      summary = describeDeletion(before, d, ids);
    });
    if (refusal) return refusal;
    selection.clear();
    const command = lab.undoStack.at(-1);
    showToast(summary, {
      topic: 'delete',
      action: { label: 'Undo', run: () => lab.undoStack.at(-1) === command && lab.undo() },
    });
    return null;
  }

  const deleteSelection = () => void deleteElements(selection.ids);

  function copy(): void {
    const doc = lab.doc;
    if (!doc) return;
    const clip = copyElements(doc, selection.ids);
    if (isEmptyClip(clip)) {
      showToast('Copy takes hosts and VMs: select one first', { topic: 'clipboard' });
      return;
    }
    clipboard.value = clip;
    const words = [clip.hosts.length ? `${clip.hosts.length} host${clip.hosts.length === 1 ? '' : 's'}` : '', clip.vms.length ? `${clip.vms.length} VM${clip.vms.length === 1 ? '' : 's'}` : ''].filter(Boolean);
    showToast(`Copied ${words.join(' and ')}`, { topic: 'clipboard' });
  }

  function pasteOf(clip: Clip, label: string): void {
    let added: string[] = [];
    const near = nearPoint();
    const vmHost = selectedHost() ?? undefined;
    const refusal = lab.edit(label, (d) => {
      added = pasteClip(d, clip, { ...(vmHost ? { vmHost } : {}), place: placer(near) });
    });
    if (refusal) {
      showToast(refusal, { tone: 'error', topic: 'clipboard' });
      return;
    }
    // The new hosts (or VMs) are selected, so a second paste lands beside them.
    const hosts = added.filter((id) => id.startsWith('host:'));
    selection.select(hosts.length ? hosts : added);
    void nextTick(() => selection.ids[0] && canvasHolder.adapter?.reveal(selection.ids[0]));
  }

  const paste = () => clipboard.value && pasteOf(clipboard.value, 'Paste');

  function duplicate(): void {
    const doc = lab.doc;
    if (!doc) return;
    const clip = copyElements(doc, selection.ids);
    if (!isEmptyClip(clip)) pasteOf(clip, 'Duplicate');
  }

  /** F2: the inspector's Name field of the selected element, focused and selected for typing. */
  function rename(): void {
    void nextTick(() => {
      const label = Array.from(document.querySelectorAll<HTMLLabelElement>('aside.inspector label')).find((l) => l.textContent?.trim() === 'Name');
      const input = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
      }
    });
  }

  /** Runs a bulk addition of the dialog; answers the refusal sentence, or null. */
  function bulk(kind: 'vms' | 'hosts', host: string, count: number): string | null {
    const near = nearPoint();
    let added: string[] = [];
    const refusal = lab.edit(kind === 'vms' ? `Add ${count} VMs to ${host}` : `Add ${count} hosts like ${host}`, (d) => {
      added = kind === 'vms' ? addVmsTo(d, host, count) : addHostsLike(d, host, count, placer(near));
    });
    if (!refusal && kind === 'hosts') selection.select(added);
    return refusal;
  }

  /** Hosts (or their parts) and VMs can be copied. */
  /** A right click: the element clicked is selected (unless it is part of the selection already) and its menu opens. */
  function openContextMenu(id: string | null, client: Position, model: Position): void {
    const doc = lab.doc;
    if (!doc) return;
    let target = id;
    // A port's menu is its switch's.
    if (target?.startsWith('port:')) target = `switch:${target.slice(5, target.lastIndexOf('/'))}`;
    if (target && !selection.ids.includes(target)) selection.select([target]);
    if (!target) selection.clear();
    const many = target !== null && selection.ids.length > 1;
    const kind = !target ? 'canvas' : many ? 'many' : target.slice(0, target.indexOf(':'));
    const name = target?.slice(target.indexOf(':') + 1) ?? '';
    const label = !target ? 'Canvas' : many ? `${selection.ids.length} elements` : kind === 'cable' ? 'Cable' : `${KIND_WORDS[kind] ?? kind} ${name}`;
    contextMenu.value = { kind, label, client, model };
  }

  const canCopy = () => lab.doc !== null && selection.ids.some((id) => /^(host|nic|team|vswitch|vm):/.test(id));

  return { selectedHost, nearPoint, openContextMenu, deleteElements, deleteSelection, copy, paste, duplicate, rename, bulk, canCopy };
}
