/**
 * The listing writer's tools. get_item shows the model the item's photos when the model
 * accepts images (resized copies; see for-model.ts), because photos are how a reseller
 * identifies brand, model, flaws and condition. propose_listing says in the proposal what
 * the text was written from, so a seller knows when nobody looked at the photos.
 */
import { z } from 'zod';
import { AppError } from '../../errors';
import { ItemSpecificSchema, type Item } from '@shared/domain/inventory';
import { imagesForModel } from '../../inventory/photos/for-model';
import { CONDITIONS } from '../../marketplace/ebay/mapping';
import { checkCategory } from './category';
import { ITEM_ID, itemForModel } from './read';
import { tool, WithImages, type ToolContext } from './tool';

const EBAY_CONDITIONS = Object.values(CONDITIONS) as [string, ...string[]];
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export const getItemWithPhotos = tool({
  name: 'get_item',
  description:
    'All fields of one item (description shortened) and, when you can see images, its first photos, sent right after this result.',
  input: z.object({ id: ITEM_ID }).strict(),
  strict: true,
  async run({ id }, ctx) {
    const item = await ctx.inventory.get(id);
    const fields = itemForModel(item);
    if (!ctx.acceptsImages || item.photos.length === 0) {
      return {
        ...fields,
        photosSent: 0,
        note:
          item.photos.length === 0
            ? 'The item has no photos: write from its fields only.'
            : 'You are not shown the photos (the model is not marked as accepting images): write from the fields only and do not describe what the photos show.',
      };
    }
    if (ctx.photosShown.get(item.id)) {
      // Earlier messages of the run still hold them; sending them again would only cost tokens.
      return { ...fields, photosSent: 0, note: 'Its photos were sent earlier in this run.' };
    }
    const { images, missing } = await imagesForModel(ctx.photos, item.photos);
    ctx.photosShown.set(item.id, images.length);
    const result = {
      ...fields,
      photosSent: images.length,
      ...(missing ? { photosNotOnThisDevice: missing } : {}),
    };
    return new WithImages(
      result,
      images,
      `Photos of ${item.sku} (${item.id}), ${images.length} of ${item.photos.length}:`,
    );
  },
});

/** The first line of the proposal's "why": what the listing was written from. */
export function basisOf(item: Item, ctx: Pick<ToolContext, 'acceptsImages' | 'photosShown'>): string {
  const shown = ctx.photosShown.get(item.id) ?? 0;
  if (shown > 0) return `Written from ${plural(shown, 'photo')} and the item’s details.`;
  const reason = !ctx.acceptsImages
    ? 'the AI model is not marked as accepting images (Settings → AI)'
    : item.photos.length === 0
      ? 'the item has no photos'
      : ctx.photosShown.has(item.id)
        ? 'its photos are not on this device'
        : 'the model did not look at its photos';
  return `Written from text only: ${reason}.`;
}

export const proposeListing = tool({
  name: 'propose_listing',
  description:
    'Propose a listing for an item: a title of at most 80 characters, a description, the condition, item specifics and a category. The seller reviews it before anything changes.',
  input: z
    .object({
      itemId: ITEM_ID,
      title: z
        .string()
        .trim()
        .min(1)
        .max(80, 'eBay titles are at most 80 characters: shorten the title.')
        .describe('At most 80 characters.'),
      description: z.string().trim().min(1).max(20_000),
      condition: z
        .enum(EBAY_CONDITIONS)
        .nullish()
        .describe('eBay’s condition as the photos and fields show it; null when they do not tell.'),
      specifics: z
        .array(ItemSpecificSchema.strict())
        .max(30)
        .nullish()
        .describe('Name and value, each ≤ 65 characters.'),
      category: z
        .string()
        .trim()
        .max(200)
        .nullish()
        .describe(
          'A leaf category id from find_ebay_category when eBay is connected; otherwise the category in words.',
        ),
      confidence: z.number().min(0).max(1),
      why: z.string().trim().min(1).max(1000),
    })
    .strict(),
  strict: true,
  async run(args, ctx) {
    const item = await ctx.inventory.get(args.itemId);
    const check = args.category ? await checkCategory(args.category, args.specifics ?? [], ctx) : null;
    const category = check?.label ?? args.category;
    const after = {
      title: args.title,
      description: args.description,
      ...(args.condition ? { condition: args.condition } : {}),
      ...(args.specifics?.length ? { specifics: args.specifics } : {}),
      ...(category ? { category } : {}),
    };
    const before = Object.fromEntries(Object.keys(after).map((k) => [k, item[k as keyof typeof after]]));
    const basis = basisOf(item, ctx);
    if (check && check.missing.length > 0) {
      // Back to the model: eBay would refuse to publish without them.
      throw new AppError(
        'BAD_REQUEST',
        `eBay category ${args.category} requires these item specifics, which the listing leaves empty: ${check.missing.join(', ')}. Fill them from the photos or the item's fields, or choose another category.`,
      );
    }
    const categoryNote =
      check && check.required.length > 0
        ? `\neBay category ${args.category}: its required item specifics (${check.required.join(', ')}) are filled.`
        : '';
    const proposal = await ctx.propose({
      kind: 'listing',
      itemId: item.id,
      itemTitle: item.title,
      itemRev: item.rev,
      summary: `New listing text for ${item.sku}: “${args.title}”`,
      before,
      after,
      why: `${basis}\n${args.why}${categoryNote}`,
      confidence: args.confidence,
    });
    return { basis, proposal: { id: proposal.id, status: proposal.status } };
  },
});
