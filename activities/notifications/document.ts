import { escapeHtml } from './html';

/**
 * A notification's body as a few kinds of blocks, rendered once as plain text and once as HTML, so
 * that each template is written once per language and no value reaches the HTML unescaped.
 */
export type Inline = string | { strong: string } | { href: string; text?: string };

export type Block =
  | { kind: 'paragraph'; parts: Inline[] }
  /** The one thing to do, shown as a prominent button. */
  | { kind: 'action'; href: string; label: string }
  | { kind: 'facts'; rows: Array<[label: string, value: string]> }
  | { kind: 'steps'; items: Inline[][] }
  | { kind: 'code'; text: string }
  /** Small print at the end. */
  | { kind: 'note'; text: string };

/** What a template produces for one notification in one language. */
export interface Document {
  subject: string;
  blocks: Block[];
}

export const paragraph = (...parts: Inline[]): Block => ({ kind: 'paragraph', parts });
export const strong = (text: string): Inline => ({ strong: text });
export const link = (href: string, text?: string): Inline => (text === undefined ? { href } : { href, text });
export const action = (href: string, label: string): Block => ({ kind: 'action', href, label });
export const facts = (...rows: Array<[string, string]>): Block => ({ kind: 'facts', rows });
export const steps = (...items: Inline[][]): Block => ({ kind: 'steps', items });
export const code = (text: string): Block => ({ kind: 'code', text });
export const note = (text: string): Block => ({ kind: 'note', text });

/** The plain-text body: blocks separated by blank lines, links written out in full. */
export function renderText(doc: Document): string {
  return `${doc.blocks.map(blockText).join('\n\n')}\n`;
}

/** A complete, self-contained HTML document with inline styles (mail clients drop style sheets). */
export function renderHtml(doc: Document, lang: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f5f6f8;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1c1e21">',
    '<div style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">',
    ...doc.blocks.map(blockHtml),
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function inlineText(part: Inline): string {
  if (typeof part === 'string') return part;
  if ('strong' in part) return part.strong;
  return part.text === undefined || part.text === part.href ? part.href : `${part.text} (${part.href})`;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.parts.map(inlineText).join('');
    case 'action':
      return `${block.label}:\n  ${block.href}`;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'steps':
      return block.items.map((item, index) => `${index + 1}. ${item.map(inlineText).join('')}`).join('\n');
    case 'code':
      return block.text
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n');
    case 'note':
      return `-- \n${block.text}`;
  }
}

function inlineHtml(part: Inline): string {
  if (typeof part === 'string') return escapeHtml(part);
  if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
  return `<a href="${escapeHtml(part.href)}" style="color:#1b74e4">${escapeHtml(part.text ?? part.href)}</a>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px">${block.parts.map(inlineHtml).join('')}</p>`;
    case 'action': {
      const href = escapeHtml(block.href);
      // The URL is repeated as text for clients that show the button without its link.
      return [
        '<p style="margin:24px 0;text-align:center">',
        `<a href="${href}" style="display:inline-block;padding:12px 24px;background:#1b74e4;color:#ffffff;font-weight:bold;text-decoration:none;border-radius:6px">${escapeHtml(block.label)}</a>`,
        '</p>',
        `<p style="margin:0 0 16px;font-size:13px;color:#606770;word-break:break-all"><a href="${href}" style="color:#606770">${href}</a></p>`,
      ].join('\n');
    }
    case 'facts':
      return [
        '<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">',
        ...block.rows.map(
          ([label, value]) =>
            `<tr><th scope="row" style="padding:4px 16px 4px 0;text-align:left;vertical-align:top;font-weight:normal;color:#606770">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
        ),
        '</table>',
      ].join('\n');
    case 'steps':
      return [
        '<ol style="margin:0 0 16px;padding-left:24px">',
        ...block.items.map((item) => `<li style="margin:0 0 8px">${item.map(inlineHtml).join('')}</li>`),
        '</ol>',
      ].join('\n');
    case 'code':
      return `<pre style="margin:0 0 16px;padding:12px;background:#f0f2f5;border-radius:4px;white-space:pre-wrap;word-break:break-all;font-family:Menlo,Consolas,monospace;font-size:13px">${escapeHtml(block.text)}</pre>`;
    case 'note':
      return `<p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #dadde1;font-size:12px;color:#606770">${escapeHtml(block.text)}</p>`;
  }
}
