import { describe, expect, it } from 'vitest';
import { acceptsImages, visionByDefault } from '../../../src/shared/domain/vision';

describe('which models accept images', () => {
  it('by default: hosted vision models yes, text or audio models no, local and custom servers no', () => {
    const yes: [Parameters<typeof visionByDefault>[0], string][] = [
      ['openai', 'gpt-4o'],
      ['openai', 'gpt-4o-mini'],
      ['openai', 'gpt-4.1-nano'],
      ['openai', 'gpt-5-mini'],
      ['azure', 'gpt-4o-2024-08-06'],
      ['openrouter', 'openai/gpt-4o-mini'],
      ['openrouter', 'anthropic/claude-3.5-sonnet'],
      ['openrouter', 'google/gemini-2.0-flash-001'],
    ];
    const no: [Parameters<typeof visionByDefault>[0], string][] = [
      ['openai', 'gpt-3.5-turbo'],
      ['openai', 'o3-mini'],
      ['openai', 'gpt-4o-audio-preview'],
      ['openai', 'gpt-4o-mini-transcribe'],
      ['openrouter', 'deepseek/deepseek-chat'],
      ['ollama', 'llava'],
      ['lmstudio', 'gpt-4o'],
      ['custom', 'gpt-4o-mini'],
    ];
    expect(yes.filter(([p, m]) => !visionByDefault(p, m))).toEqual([]);
    expect(no.filter(([p, m]) => visionByDefault(p, m))).toEqual([]);
  });

  it('the seller’s yes or no wins over the default, and an agent’s own model is judged by its name', () => {
    expect(acceptsImages({ preset: 'ollama', model: 'llava', vision: 'yes' })).toBe(true);
    expect(acceptsImages({ preset: 'openai', model: 'gpt-4o', vision: 'no' })).toBe(false);
    expect(acceptsImages({ preset: 'openai', model: 'gpt-3.5-turbo', vision: 'auto' }, 'gpt-4.1')).toBe(true);
  });
});
