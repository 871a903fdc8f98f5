/**
 * Markdown for assistant answers. Model output is untrusted: raw HTML is shown as text, links
 * keep only safe schemes, and images become links (no requests to hosts a model chose).
 */
import { Marked, type Tokens } from 'marked';

const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/))/i;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!SAFE_URL.test(href.trim())) {
        return inner;
      }
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttr} rel="noopener noreferrer nofollow" target="_blank">${inner}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      if (!SAFE_URL.test(href.trim())) {
        return escapeHtml(text);
      }
      return `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(text || href)}</a>`;
    },
  },
});

/** Renders Markdown to HTML that is safe to insert with innerHTML. */
export function renderMarkdown(source: string): string {
  return marked.parse(source) as string;
}
