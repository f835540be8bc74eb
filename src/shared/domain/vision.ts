/**
 * Whether the model in Settings → AI accepts images. "auto" decides from the provider and the
 * model's name: hosted models known to read images say yes; local servers and custom
 * addresses say no, because their model could be anything and a text-only model answers an
 * image with an error. The seller overrides either way.
 */
import type { AiPreset } from '../api/settings';

export type VisionSetting = 'auto' | 'yes' | 'no';

/** Model families that take image inputs, as OpenAI, Azure deployments and OpenRouter name them. */
const VISION_MODELS = [
  /^(chat)?gpt-4o/,
  /^gpt-4\.1/,
  /^gpt-4\.5/,
  /^gpt-4-turbo/,
  /^gpt-5/,
  /^o1$|^o1-20/,
  /^o3(?!-mini)/,
  /^o4-mini/,
  /^claude-(3|sonnet|opus|haiku)/,
  /^gemini-/,
  /^pixtral/,
];
/** Variants of those families that take only audio or speech. */
const NOT_VISION = /audio|realtime|transcribe|tts/;

const HOSTED: ReadonlySet<AiPreset> = new Set(['openai', 'azure', 'openrouter']);

/** What "auto" means for this provider and model. */
export function visionByDefault(preset: AiPreset, model: string): boolean {
  if (!HOSTED.has(preset)) return false;
  // OpenRouter names models "vendor/model"; the vendor says nothing about images.
  const name = model.trim().toLowerCase().split('/').pop() ?? '';
  return !NOT_VISION.test(name) && VISION_MODELS.some((re) => re.test(name));
}

export function acceptsImages(ai: { preset: AiPreset; model: string; vision: VisionSetting }, model?: string | null) {
  if (ai.vision !== 'auto') return ai.vision === 'yes';
  return visionByDefault(ai.preset, model || ai.model);
}
