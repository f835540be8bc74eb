/**
 * The preflight's category lines: the leaf category (eBay's suggestions for the title when it
 * is not one), the conditions that category allows (Metadata) and the specifics it requires
 * (Taxonomy's aspectRequired). A listing made on eBay's site keeps its own category when the
 * item names none: eBay checks it when it takes the revision.
 */
import type { CategoryAspect, CategoryChoice, PreflightLine } from '@shared/api';
import type { Item } from '@shared/domain/inventory';
import { categoryLabel, idIn } from '../category-id';
import { EbayError } from '../errors';
import { CONDITION_IDS, CONDITION_WORDS, conditionOf, enumOfId } from './conditions';
import { aspectsOf, line, message, type PreflightDeps } from './preflight';

export async function categoryLines(
  item: Item,
  deps: PreflightDeps,
  site: string,
  connected: boolean,
  siteListing: boolean,
): Promise<PreflightLine[]> {
  const lines: PreflightLine[] = [];
  const title = item.title.trim();
  /** A failing category line, offering the leaf categories eBay suggests for the title. */
  const pickCategory = async (detail: string) => {
    const choices = await deps.suggest(title, site).catch(() => [] as CategoryChoice[]);
    const offered = choices.map((c) => ({ value: categoryLabel(c.name, c.categoryId), label: c.path || c.name }));
    return line('category', 'fail', 'Category', detail, 'category', offered);
  };

  // Category, then what depends on it: the specifics it requires and the conditions it allows.
  const categoryId = idIn(item.category);
  let aspects: CategoryAspect[] | null = null;
  if (siteListing && !categoryId) {
    const known = conditionOf(item.condition);
    return [
      line('category', 'info', 'Category', 'The listing keeps the category it has on eBay.', 'category'),
      known
        ? line('condition', 'ok', 'Condition', `Listed as ${CONDITION_WORDS[known]}.`, 'condition')
        : line('condition', 'info', 'Condition', 'The listing keeps the condition it has on eBay.', 'condition'),
      line(
        'specifics',
        'info',
        'Item specifics',
        'eBay checks them against the listing’s category when it takes the revision.',
        'specifics',
      ),
    ];
  }
  if (!connected) {
    lines.push(line('category', 'fail', 'Category', 'Connect eBay to check the category.', 'category'));
  } else if (!categoryId) {
    lines.push(
      await pickCategory(
        item.category.trim()
          ? `"${item.category}" is not an eBay category: pick one of eBay's leaf categories.`
          : "Pick one of eBay's leaf categories for the item.",
      ),
    );
  } else {
    try {
      aspects = await deps.aspects(categoryId, site);
      lines.push(line('category', 'ok', 'Category', `eBay category ${categoryId} is a leaf category.`, 'category'));
    } catch (error) {
      lines.push(
        error instanceof EbayError && ['network', 'server', 'rate'].includes(error.kind)
          ? line(
              'category',
              'fail',
              'Category',
              `Could not check category ${categoryId} with eBay: ${message(error)}`,
              'category',
            )
          : await pickCategory(`eBay does not take category ${categoryId}: ${message(error)} Pick a leaf category.`),
      );
    }
  }

  const condition = conditionOf(item.condition);
  if (!categoryId || !aspects) {
    lines.push(
      line('condition', 'fail', 'Condition', 'Checked once the category is an eBay leaf category.', 'condition'),
    );
  } else {
    const read = await deps.conditions(site, categoryId).then(
      (found) => ({ found, error: null }),
      (error: unknown) => ({ found: null, error }),
    );
    const allowed = read.found;
    if (!allowed) {
      lines.push(
        line(
          'condition',
          'fail',
          'Condition',
          `Could not read the conditions eBay allows: ${message(read.error)}`,
          'condition',
        ),
      );
    } else {
      const choices = allowed.allowed.flatMap((a) => {
        const e = enumOfId(a.id);
        return e ? [{ value: CONDITION_WORDS[e], label: a.name || CONDITION_WORDS[e] }] : [];
      });
      const ok =
        condition && (allowed.allowed.length === 0 || allowed.allowed.some((a) => a.id === CONDITION_IDS[condition]));
      lines.push(
        ok
          ? line('condition', 'ok', 'Condition', `Listed as ${CONDITION_WORDS[condition]}.`, 'condition')
          : line(
              'condition',
              'fail',
              'Condition',
              condition
                ? `This category does not take "${CONDITION_WORDS[condition]}": pick one it allows.`
                : item.condition.trim()
                  ? `eBay has no condition called "${item.condition}": pick one it allows.`
                  : 'eBay needs the condition: pick one this category allows.',
              'condition',
              choices,
            ),
      );
    }
  }

  if (aspects) {
    const filled = new Set(Object.keys(aspectsOf(item)).map((k) => k.toLowerCase()));
    // aspectRequired decides, not aspectUsage (eBay was seen calling required aspects RECOMMENDED).
    const wanting = aspects.filter((a) => a.required && !filled.has(a.name.toLowerCase()));
    lines.push(
      wanting.length === 0
        ? line('specifics', 'ok', 'Item specifics', 'Every specific this category requires is filled.', 'specifics')
        : line(
            'specifics',
            'fail',
            'Item specifics',
            `This category requires ${wanting.map((a) => (a.values.length && !a.freeText ? `${a.name} (one of ${a.values.slice(0, 5).join(', ')}${a.values.length > 5 ? ', …' : ''})` : a.name)).join('; ')}.`,
            'specifics',
          ),
    );
  } else {
    lines.push(
      line('specifics', 'fail', 'Item specifics', 'Checked once the category is an eBay leaf category.', 'specifics'),
    );
  }

  return lines;
}
