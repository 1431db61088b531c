// The cable tool (C): pick a NIC or client, then a switch port on the canvas or in the port picker; one cable, one undo step.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { endpointLabel } from '../../shared/lab.js';
import { switchId } from '../../shared/checks.js';
import { useLabStore } from './lab.js';
import { useSelectionStore } from './selection.js';
import { connectCable } from './edits.js';
import { cabledTo, cableEnds, cableRefusal, plugAt, portChoices } from './cabling.js';

export const useCableToolStore = defineStore('cableTool', () => {
  const lab = useLabStore();
  const selection = useSelectionStore();
  const active = ref(false);
  /** The plug the cable starts from (a canvas id), once picked. */
  const from = ref<string | null>(null);
  /** The switch whose ports the picker lists. */
  const pickerSwitch = ref<string | null>(null);
  /** What the tool says now: the next step, or why the last pick was refused. */
  const message = ref<string | null>(null);
  const refused = ref(false);

  const fromLabel = computed(() => {
    const end = lab.doc && from.value ? plugAt(lab.doc, from.value) : null;
    return end ? endpointLabel(end) : null;
  });
  const ports = computed(() => (lab.doc && pickerSwitch.value ? portChoices(lab.doc, pickerSwitch.value) : []));

  function say(text: string | null, isRefusal = false): void {
    message.value = text;
    refused.value = isRefusal;
  }

  /** Starts the tool, from the selected plug when one is selected. */
  function start(): void {
    if (!lab.doc) return;
    active.value = true;
    from.value = null;
    pickerSwitch.value = pickerSwitch.value && lab.doc.switches.some((s) => s.name === pickerSwitch.value) ? pickerSwitch.value : (lab.doc.switches[0]?.name ?? null);
    say('Click a NIC or a client, then a free switch port. Escape cancels.');
    if (selection.single) pickFrom(selection.single);
  }

  function cancel(): void {
    active.value = false;
    from.value = null;
    say(null);
  }

  const toggle = () => (active.value ? cancel() : start());

  function pickFrom(id: string): void {
    const doc = lab.doc!;
    const end = plugAt(doc, id);
    if (!end) {
      say('A cable starts at a NIC, a client or a switch port: click one.', true);
      return;
    }
    const other = cabledTo(doc, end);
    if (other) {
      say(`${endpointLabel(end)} already has a cable, to ${endpointLabel(other)}: pick a free plug.`, true);
      return;
    }
    from.value = id;
    if ('port' in end) {
      // An inter-switch link: the picker offers the ports of another switch.
      const next = doc.switches.find((s) => s.name !== end.switch);
      if (next && pickerSwitch.value === end.switch) pickerSwitch.value = next.name;
    }
    say(`Cable from ${endpointLabel(end)}: click a free switch port, or pick one below.`);
  }

  /** A click on the canvas while the tool is on: the cable's start, then its switch port (or the switch whose ports to list). */
  function pick(id: string): void {
    const doc = lab.doc;
    if (!active.value || !doc) return;
    if (!from.value) return pickFrom(id);
    const sw = doc.switches.find((s) => switchId(s.name) === id);
    if (sw) {
      pickerSwitch.value = sw.name;
      say(`Cable from ${fromLabel.value}: pick a port of ${sw.name}.`);
      return;
    }
    if (id === from.value) return;
    connectTo(id);
  }

  /** Lays the cable from the picked plug to `toId`; answers whether it went in. */
  function connectTo(toId: string): boolean {
    const doc = lab.doc;
    if (!doc || !from.value) return false;
    const a = plugAt(doc, from.value);
    const b = plugAt(doc, toId);
    if (!a || !b) {
      say('A cable ends at a switch port (or, from a port, at a NIC or client): click one.', true);
      return false;
    }
    const refusal = cableRefusal(doc, a, b);
    if (refusal) {
      say(`${refusal}: pick a free port.`, true);
      return false;
    }
    const [first, second] = cableEnds(a, b);
    const error = lab.edit(`Connect ${endpointLabel(first)} to ${endpointLabel(second)}`, (d) => connectCable(d, first, second));
    if (error) {
      say(error, true);
      return false;
    }
    from.value = null;
    say(`Cabled ${endpointLabel(first)} to ${endpointLabel(second)}. Click the next NIC or client, or press Escape.`);
    return true;
  }

  return { active, from, fromLabel, pickerSwitch, ports, message, refused, start, cancel, toggle, pick, connectTo };
});
