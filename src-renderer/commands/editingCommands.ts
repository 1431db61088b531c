// The editor's placing and editing commands: copy, paste, duplicate, rename, bulk additions, snap, align and distribute.
import { useLabStore } from '../stores/lab.js';
import { useSelectionStore } from '../stores/selection.js';
import { useEditing, clipboard, bulkAdd } from '../views/useEditing.js';
import { useArrange, ARRANGE_WORDS, type Arrangement } from '../views/useArrange.js';
import { isEmptyClip } from '../stores/clipboard.js';
import { registerCommands, type Command } from './registry.js';

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
  return registerCommands([...edit, ...arrangeCommands]);
}
