// The project's docs (docs/*.md, bundled at build time) for Help → Documentation, rendered as sanitised HTML.
import { marked } from 'marked';
import DOMPurify from 'dompurify';

export interface HelpDoc {
  /** The file name, e.g. `drills.md`; links between the docs name it. */
  file: string;
  title: string;
  markdown: string;
}

const sources = import.meta.glob('../../docs/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The docs in a fixed order, each titled by its first heading. */
export const HELP_DOCS: readonly HelpDoc[] = Object.entries(sources)
  .map(([path, markdown]) => ({ file: path.split('/').pop()!, title: /^#\s+(.+)$/m.exec(markdown)?.[1].trim() ?? path, markdown }))
  .sort((a, b) => a.file.localeCompare(b.file));

/** Markdown to HTML with everything a document could smuggle in (scripts, handlers, iframes, styles) taken out. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'iframe'], FORBID_ATTR: ['style'] });
}
