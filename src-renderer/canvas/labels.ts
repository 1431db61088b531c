// Labels that fit their box: each line cut to what the box holds, with an ellipsis; the full text is kept for the tooltip.

/** Characters of the canvas' 11 px label font that fit across a box, by kind (the box widths of style.ts less a margin). */
export const LABEL_CHARS: Record<string, number> = { nic: 11, team: 16, vswitch: 16, vm: 14, client: 15, port: 3 };

/** Cuts each line of `text` to `max` characters, the last one an ellipsis. */
export function fitLabel(text: string, max: number): string {
  return text
    .split('\n')
    // A line no longer in UTF-16 units than `max` has no more characters than that either.
    .map((line) => (line.length > max && [...line].length > max ? `${[...line].slice(0, Math.max(1, max - 1)).join('')}…` : line))
    .join('\n');
}

/** The label as drawn and, when it had to be cut, the whole text for the tooltip. */
export function boxLabel(text: string, max: number): { label: string; full?: string } {
  const label = fitLabel(text, max);
  return label === text ? { label } : { label, full: text };
}
