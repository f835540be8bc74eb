/**
 * eBay categories for the listing writer: which leaf category an item belongs in and the item
 * specifics eBay requires there (Taxonomy API, when eBay is connected), and the check that a
 * proposed listing fills them, so a proposal never sends the seller into eBay's refusal.
 */
import { z } from 'zod';
import type { CategoryAspect } from '@shared/api/agents';
type ItemSpecific = { name: string; value: string };
import { AppError } from '../../errors';
import { tool, type ToolContext } from './tool';
import { categoryLabel, idIn } from '../../marketplace/ebay/category-id';

export { categoryLabel };

export const findEbayCategory = tool({
  name: 'find_ebay_category',
  description:
    'Leaf eBay categories for words that say what the item is (e.g. "Nike Air Max 90 sneakers"), each with its path and the item specifics eBay requires there (with accepted values). Answers connected: false when eBay is not connected.',
  input: z.object({ query: z.string().trim().min(2).max(100).describe('What the item is, in a few words.') }).strict(),
  strict: true,
  async run({ query }, ctx) {
    const currency = (await ctx.settings.get()).general.currency;
    const choices = await ctx.market.categories(query, currency, ctx.signal);
    if (choices === null)
      return { connected: false, note: 'eBay is not connected: name the category in words instead of an id.' };
    if (choices.length === 0)
      return { connected: true, categories: [], note: 'eBay suggests nothing for these words: try others.' };
    return {
      connected: true,
      categories: choices.map((c) => ({
        categoryId: c.categoryId,
        path: c.path,
        requiredSpecifics: c.aspects.filter((a) => a.required).map(shown),
        recommendedSpecifics: c.aspects
          .filter((a) => !a.required)
          .slice(0, 10)
          .map((a) => a.name),
      })),
    };
  },
});

const shown = (a: CategoryAspect) => ({
  name: a.name,
  ...(a.values.length > 0 ? { values: a.values, onlyThese: !a.freeText } : {}),
});

export interface CategoryCheck {
  /** What the item's category field gets: "Leaf name (id)". */
  label: string;
  required: string[];
  missing: string[];
}

/**
 * For an eBay category id (digits, or "Name (id)"), the required specifics the listing leaves
 * empty, checked against eBay; null when the category is words or eBay is not connected.
 */
export async function checkCategory(
  category: string,
  specifics: ItemSpecific[],
  ctx: Pick<ToolContext, 'market' | 'settings' | 'signal'>,
): Promise<CategoryCheck | null> {
  const id = idIn(category);
  if (!id) return null;
  const currency = (await ctx.settings.get()).general.currency;
  const found = await ctx.market.category(id, currency, ctx.signal).catch((error: unknown) => {
    // eBay's own words (not a leaf, unknown id) go back to the model so it can pick another.
    if (error instanceof AppError) throw new AppError('BAD_REQUEST', `eBay category ${id}: ${error.message}`);
    throw error;
  });
  if (found === null) return null;
  const filled = new Set(specifics.filter((s) => s.value.trim()).map((s) => s.name.trim().toLowerCase()));
  const required = found.aspects.filter((a) => a.required).map((a) => a.name);
  return {
    label: categoryLabel(found.name, id),
    required,
    missing: required.filter((name) => !filled.has(name.toLowerCase())),
  };
}
