// The editor's placing and editing commands: copy, paste, duplicate, rename, bulk additions, snap, align and distribute.
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { useEditing, clipboard, bulkAdd } from '../views/useEditing.js';
import { useArrange, ARRANGE_WORDS, type Arrangement } from '../views/useArrange.js';
import { isEmptyClip } from '../stores/clipboard.js';
import { registerCommands, runCommand, type Command } from './registry.js';

/** Registers the commands; answers a function that takes them out again. */
export function registerEditingCommands(): () => void {
  const lab = useLabStore();
  const selection = useSelectionStore();
  const editing = useEditing();
  const arrange = useArrange();
  const hasDoc = () => lab.doc !== null;
  const onHost = () => editing.selectedHost() !== null;
  const renamable = () => selection.ids.length === 1 && /^(host|nic|team|vswitch|vm|switch|client):/.test(selection.ids[0]);

  const edit: Command[] = [
    { id: 'copy', title: 'Copy', category: 'Edit', shortcut: 'Ctrl+C', enabled: editing.canCopy, run: editing.copy },
    { id: 'paste', title: 'Paste', category: 'Edit', shortcut: 'Ctrl+V', enabled: () => hasDoc() && !isEmptyClip(clipboard.value), run: editing.paste },
    { id: 'duplicate', title: 'Duplicate', category: 'Edit', shortcut: 'Ctrl+D', enabled: editing.canCopy, run: editing.duplicate },
    { id: 'rename', title: 'Rename', category: 'Edit', shortcut: 'F2', enabled: renamable, run: editing.rename },
    { id: 'add-vms', title: 'Add N VMs to this host…', category: 'Edit', enabled: onHost, run: () => (bulkAdd.value = { kind: 'vms', host: editing.selectedHost()! }) },
    { id: 'add-hosts-like', title: 'Add N hosts like this one…', category: 'Edit', enabled: onHost, run: () => (bulkAdd.value = { kind: 'hosts', host: editing.selectedHost()! }) },
  ];
  const arrangeCommands: Command[] = [
    { id: 'snap-to-grid', title: () => (arrange.snap.value ? 'Snap to grid: on' : 'Snap to grid: off'), category: 'Arrange', run: arrange.toggleSnap },
    ...(Object.keys(ARRANGE_WORDS) as Arrangement[]).map((how): Command => ({
      id: `arrange-${how}`,
      title: ARRANGE_WORDS[how].title,
      category: 'Arrange',
      enabled: () => arrange.movableSelection().length >= ARRANGE_WORDS[how].least,
      run: () => arrange.arrange(how),
    })),
  ];
  const unregister = registerCommands([...edit, ...arrangeCommands]);
  const page = typeof document === 'undefined' ? null : document;
  page?.addEventListener('copy', onClipboardEvent);
  page?.addEventListener('paste', onClipboardEvent);
  return () => {
    unregister();
    page?.removeEventListener('copy', onClipboardEvent);
    page?.removeEventListener('paste', onClipboardEvent);
  };
}

/**
 * The platform's Copy and Paste (the Electron Edit menu's own items, a browser's menu) reach the page as clipboard
 * events: in a text field they copy and paste text as ever, elsewhere they copy and paste the selected elements.
 * Ctrl+C and Ctrl+V on the canvas never get here: the window's shortcut takes the key press first.
 */
export function onClipboardEvent(e: Event): void {
  const el = e.target as HTMLElement | null;
  if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) return;
  if (runCommand(e.type === 'copy' ? 'copy' : 'paste')) e.preventDefault();
}
