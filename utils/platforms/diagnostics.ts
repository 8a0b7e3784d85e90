/**
 * Local drift diagnostics: a censored skeleton of a page region, after InboxSDK's censorHTMLtree
 * (InboxSDK/InboxSDK src/common/censorHTMLtree.ts, censorHTMLstring.ts, read 2026-07-23): the shape of the
 * DOM a maintainer needs to fix a selector, and nothing the person could be identified by. Kept are tag
 * names, roles and a whitelist of structural attributes; text nodes are dropped; labels, titles, ids and
 * names are reduced to their presence; links to their path shape with every non-route segment as `:id`.
 * Nothing here leaves the browser unless the person copies it.
 */

import { REPORT_LIMITS } from './limits';

/** Attributes whose (short, keyword-like) values describe structure, not the person. */
const KEPT_VALUES = new Set([
  'role',
  'contenteditable',
  'dir',
  'hidden',
  'type',
  'inputmode',
  'tabindex',
  'aria-hidden',
  'aria-live',
  'aria-multiline',
  'aria-disabled',
  'aria-selected',
  'aria-current',
  'data-lexical-editor',
  'data-scope',
]);
/** Attributes that may name a person or a conversation: only whether they are there is kept. */
const PRESENCE_ONLY = new Set(['aria-label', 'aria-labelledby', 'title', 'alt', 'placeholder', 'id', 'name', 'value']);
const URL_ATTRIBUTES = new Set(['href', 'src']);
/** Path segments that are routes of the four sites; any other segment (a handle, an id) becomes `:id`. */
const ROUTE_WORDS = new Set([
  'direct',
  't',
  'inbox',
  'requests',
  'messages',
  'e2ee',
  'i',
  'chat',
  'pin',
  'messaging',
  'thread',
  'in',
  'profile.php',
  'compose',
  'new',
]);
const KEYWORD = /^[a-z][a-z0-9-]{0,30}$/i;
/** A run of digits or hex long enough to be an id ("message-0f8e…", "x1n2onr6" stays). */
const ID_RUN = /[0-9a-f]{8,}(?:-[0-9a-f]{4,})*|\d{3,}/gi;

export const SKELETON_LIMITS = { chars: REPORT_LIMITS.skeleton, depth: 14, children: 25, classes: 6 } as const;

/** A URL reduced to its path shape: `/direct/t/:id/`. */
export function pathShape(href: string, base: string): string {
  try {
    const { pathname } = new URL(href, base);
    return pathname.replace(/[^/]+/g, (segment) => (ROUTE_WORDS.has(segment.toLowerCase()) ? segment : ':id'));
  } catch {
    return ':url';
  }
}

function attributesOf(element: Element): string {
  const parts: string[] = [];
  for (const { name, value } of element.attributes) {
    if (KEPT_VALUES.has(name)) parts.push(KEYWORD.test(value) ? `${name}="${value}"` : value ? `${name}="?"` : name);
    else if (PRESENCE_ONLY.has(name)) parts.push(name);
    else if (name === 'data-testid') parts.push(`${name}="${censorToken(value)}"`);
    else if (URL_ATTRIBUTES.has(name)) parts.push(`${name}="${pathShape(value, element.ownerDocument.baseURI)}"`);
    else if (name === 'class') {
      const classes = [...element.classList].slice(0, SKELETON_LIMITS.classes).map(censorToken).filter(Boolean);
      if (classes.length > 0) parts.push(`class="${classes.join(' ')}"`);
    }
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/** A hook or class name with id-like runs replaced; anything that is not a plain token is dropped. */
function censorToken(token: string): string {
  const censored = token.replace(ID_RUN, ':id');
  return /^[\w:.-]{1,60}$/.test(censored) ? censored : '?';
}

/**
 * The censored skeleton of `root` and its descendants (open shadow roots included), one element per
 * line, indented by depth, at most SKELETON_LIMITS.chars long; what does not fit is counted, not shown.
 */
export function censoredSkeleton(root: Node | null | undefined, maxChars: number = SKELETON_LIMITS.chars): string {
  if (!root) return '';
  const lines: string[] = [];
  let length = 0;
  let cut = false;
  const emit = (line: string) => {
    if (cut || length + line.length + 1 > maxChars - 40) {
      cut = true;
      return;
    }
    lines.push(line);
    length += line.length + 1;
  };
  const walk = (node: Node, depth: number) => {
    if (cut) return;
    const indent = '  '.repeat(depth);
    const children = node instanceof Element || node.nodeType === 11 ? [...(node as ParentNode).children] : [];
    if (node instanceof Element) {
      const tag = node.tagName.toLowerCase();
      emit(`${indent}<${tag}${attributesOf(node)}>`);
      if (tag === 'svg' || tag === 'script' || tag === 'style' || tag === 'template') return;
      if (node.shadowRoot) {
        emit(`${indent}  #shadow-root`);
        walk(node.shadowRoot, depth + 2);
      }
    }
    if (depth >= SKELETON_LIMITS.depth) {
      if (children.length > 0) emit(`${indent}  … ${children.length} more levels below`);
      return;
    }
    for (const child of children.slice(0, SKELETON_LIMITS.children)) walk(child, depth + 1);
    if (children.length > SKELETON_LIMITS.children) {
      emit(`${indent}  … ${children.length - SKELETON_LIMITS.children} more children`);
    }
  };
  walk(root, 0);
  if (cut) lines.push('… cut at the size limit');
  return lines.join('\n');
}
