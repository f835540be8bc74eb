import type { ImportField } from '@shared/api';
import { ITEM_FIELD_LABELS } from '@shared/domain/field-labels';

/** What the seller reads for each field a column can fill (a field without a label fails to compile). */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  ...ITEM_FIELD_LABELS,
  // A column sets the stock on hand (by a movement), which is not an item field.
  quantity: 'Quantity on hand',
};
