/**
 * Markdown for chat messages. react-markdown builds React elements and never injects HTML:
 * raw HTML in a reply is dropped (`skipHtml`) and unsafe link protocols are removed by its
 * default URL filter, so a reply cannot run code in the window.
 */
import { memo, useDeferredValue, useState, type ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { copyText } from './format';

function CodeBlock(props: ComponentProps<'pre'>) {
  const [copied, setCopied] = useState(false);
  const { children, ...rest } = props;
  const copy = async (target: HTMLElement | null) => {
    const text = target?.closest('.code-block')?.querySelector('pre')?.textContent ?? '';
    if (await copyText(text)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    }
  };
  return (
    <div className="code-block">
      <button type="button" className="copy-code" onClick={(e) => void copy(e.currentTarget)}>
        {copied ? 'Copied' : 'Copy code'}
      </button>
      <pre {...rest}>{children}</pre>
    </div>
  );
}

function Link(props: ComponentProps<'a'>) {
  // Links open outside the app window, never inside it.
  return <a {...props} target="_blank" rel="noreferrer noopener" />;
}

const components: Components = { pre: CodeBlock, a: Link };
const plugins = [remarkGfm];

/** One block, re-rendered only when its own text changes. */
const Block = memo(function Block({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={plugins} components={components} skipHtml>
      {text}
    </ReactMarkdown>
  );
});

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

/**
 * Splits Markdown at blank lines outside code fences (a list stays one block while its
 * items continue), answering each block with where it starts in `text`. While a reply
 * streams, only its last block changes, so only that block is parsed again.
 */
export function splitBlocks(text: string, from = 0): { blocks: string[]; starts: number[] } {
  const blocks: string[] = [];
  const starts: number[] = [];
  let lines: string[] = [];
  let start = from;
  let fence: string | null = null;
  let blank = false;
  let pos = from;
  const close = () => {
    if (lines.length) {
      blocks.push(lines.join('\n'));
      starts.push(start);
    }
    lines = [];
  };
  for (const line of text.slice(from).split('\n')) {
    const here = pos;
    pos += line.length + 1;
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && line.trim() === '') {
      if (lines.length) blank = true;
      continue;
    }
    if (blank) {
      blank = false;
      const continuesList = LIST_ITEM.test(lines[0] ?? '') && (LIST_ITEM.test(line) || /^\s/.test(line));
      if (continuesList) lines.push('');
      else close();
    }
    if (!lines.length) start = here;
    lines.push(line);
    if (marker) fence = fence === null ? marker[0]! : marker[0] === fence ? null : fence;
  }
  close();
  return { blocks, starts };
}

export interface Blocks {
  text: string;
  blocks: string[];
  starts: number[];
}

/**
 * The blocks of `text` given those of an earlier version. When text was only appended (a
 * streaming reply), all but the last blocks stay as they were: only the rest is split again,
 * so each delta costs the same however long the reply already is.
 */
export function growBlocks(prev: Blocks, text: string): Blocks {
  if (text === prev.text) return prev;
  // The last line may be cut mid-way ("-" becoming "- item"), and it decides whether the
  // block before it ended: so the last two blocks are split again, the rest kept.
  const keep = Math.max(0, prev.blocks.length - 2);
  const from = prev.text && text.startsWith(prev.text) ? (prev.starts[keep] ?? 0) : 0;
  const kept = from ? keep : 0;
  const tail = splitBlocks(text, from);
  return {
    text,
    blocks: [...prev.blocks.slice(0, kept), ...tail.blocks],
    starts: [...prev.starts.slice(0, kept), ...tail.starts],
  };
}

function useBlocks(text: string): string[] {
  const [state, setState] = useState<Blocks>(() => growBlocks({ text: '', blocks: [], starts: [] }, text));
  if (state.text === text) return state.blocks;
  // Derived from the previous render's blocks (React's "adjust state while rendering").
  const next = growBlocks(state, text);
  setState(next);
  return next.blocks;
}

export function Markdown({ text }: { text: string }) {
  // Parsed in an interruptible render: when a large delta brings many blocks at once, React
  // parses them a few at a time between frames instead of in one long task.
  const blocks = useBlocks(useDeferredValue(text));
  return (
    <div className="markdown">
      {blocks.map((block, i) => (
        <Block key={i} text={block} />
      ))}
    </div>
  );
}
