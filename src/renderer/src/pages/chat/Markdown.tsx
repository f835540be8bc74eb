/**
 * Markdown for chat messages. react-markdown builds React elements and never injects HTML:
 * raw HTML in a reply is dropped (`skipHtml`) and unsafe link protocols are removed by its
 * default URL filter, so a reply cannot run code in the window.
 */
import { memo, useState, type ComponentProps } from 'react';
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

/**
 * Splits at blank lines outside code fences. While a reply streams, only its last block
 * changes, so only that block is parsed again: long replies stay smooth.
 */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker[0] as string;
      else if (marker[0] === fence) fence = null;
    }
    if (fence === null && line.trim() === '' && current.length && !/^\s*([-*+]|\d+\.)\s/.test(current[0] ?? '')) {
      blocks.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      {splitBlocks(text).map((block, i) => (
        <Block key={i} text={block} />
      ))}
    </div>
  );
}
