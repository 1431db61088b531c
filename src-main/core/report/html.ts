// Building HTML as strings where every piece of text is escaped unless it is already markup.
// User text (names, descriptions) only ever enters through `text` paths, so it cannot become markup.

/** Markup that is already safe; anything else given to `h` is text and gets escaped. */
export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

export type Child = Markup | string | number | null | undefined | false | readonly Child[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(child: Child): string {
  if (child === null || child === undefined || child === false) return '';
  if (child instanceof Markup) return child.html;
  if (Array.isArray(child)) return child.map(render).join('');
  return escapeHtml(String(child));
}

export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** An element: attribute values and children are escaped; `raw` marks trusted markup only. */
export function h(tag: string, attributes: Attributes | null, ...children: Child[]): Markup {
  const attrs = Object.entries(attributes ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
    .join('');
  return new Markup(`<${tag}${attrs}>${render(children)}</${tag}>`);
}

/** A self-closing SVG element. */
export function empty(tag: string, attributes: Attributes): Markup {
  return new Markup(h(tag, attributes).html.replace(/><\/[a-z]+>$/i, '/>'));
}

export function fragment(...children: Child[]): Markup {
  return new Markup(render(children));
}

/** Only for markup written in this code (CSS, fixed snippets), never for user text. */
export function raw(html: string): Markup {
  return new Markup(html);
}
