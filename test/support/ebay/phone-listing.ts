/**
 * The phone both publish-a-proposal tests list: eBay's leaf category with its two required
 * specifics, and the listing writer's full proposal for it (what a scripted model sends).
 */
import type { DoubleCategory } from './taxonomy';

export const PHONES: DoubleCategory = {
  id: '9355',
  name: 'Cell Phones & Smartphones',
  ancestors: [{ id: '15032', name: 'Cell Phones & Accessories' }],
  leaf: true,
  words: ['phone', 'iphone', 'smartphone'],
  aspects: [
    { name: 'Brand', required: true },
    { name: 'Model', required: true },
  ],
};

export const phoneListing = (itemId: string, condition: string) => ({
  itemId,
  title: 'Apple iPhone 12 64GB Black Unlocked',
  description: 'Works; light scratches on the back.',
  condition,
  specifics: [
    { name: 'Brand', value: 'Apple' },
    { name: 'Model', value: 'Apple iPhone 12' },
  ],
  category: PHONES.id,
  confidence: 0.8,
  why: 'From the item and its photo.',
});
