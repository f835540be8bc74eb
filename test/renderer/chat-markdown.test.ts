import { describe, expect, it } from 'vitest';
import { growBlocks, splitBlocks, type Blocks } from '../../src/renderer/src/pages/chat/Markdown';

const SAMPLE = [
  '# Pricing',
  '',
  'First paragraph with **bold**.',
  '',
  '',
  '- one',
  '- two',
  '',
  '- three, loose',
  '  continued',
  '',
  'After the list.',
  '',
  '```js',
  'const a = 1;',
  '',
  'const b = 2;',
  '```',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '1. first',
  '',
  '2. second',
  '',
  'The end.',
].join('\n');

describe('chat Markdown blocks', () => {
  it('splits at blank lines, but not inside code fences or loose lists', () => {
    const { blocks, starts } = splitBlocks(SAMPLE);
    expect(blocks).toEqual([
      '# Pricing',
      'First paragraph with **bold**.',
      '- one\n- two\n\n- three, loose\n  continued',
      'After the list.',
      '```js\nconst a = 1;\n\nconst b = 2;\n```',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '1. first\n\n2. second',
      'The end.',
    ]);
    blocks.forEach((block, i) => expect(SAMPLE.slice(starts[i], (starts[i] ?? 0) + block.length)).toBe(block));
  });

  it('grows block by block as a streamed reply would, to the same blocks as a full split', () => {
    let state: Blocks = { text: '', blocks: [], starts: [] };
    for (let i = 1; i <= SAMPLE.length; i++) {
      const text = SAMPLE.slice(0, i);
      state = growBlocks(state, text);
      expect(state.blocks).toEqual(splitBlocks(text).blocks);
    }
    state = growBlocks(state, 'Something else entirely');
    expect(state.blocks).toEqual(['Something else entirely']);
  });
});
