import { create } from 'zustand';
import { AppDiagnosticsSchema, type ApiError } from '@shared/api';
import { api } from '../api/client';

interface DiagnosticsStore {
  state: 'idle' | 'busy' | 'copied' | 'failed';
  error: ApiError | null;
  /** Asks core for the diagnostics text and puts it on the clipboard. */
  copy(): Promise<void>;
}

export const useDiagnostics = create<DiagnosticsStore>((set) => ({
  state: 'idle',
  error: null,
  copy: async () => {
    set({ state: 'busy', error: null });
    const result = await api.call('app.diagnostics', {});
    if (!result.ok) return set({ state: 'failed', error: result.error });
    const parsed = AppDiagnosticsSchema.safeParse(result.data);
    if (!parsed.success) {
      return set({
        state: 'failed',
        error: { code: 'INTERNAL', message: 'The diagnostics came back in an unexpected shape.' },
      });
    }
    try {
      await navigator.clipboard.writeText(parsed.data.text);
      set({ state: 'copied' });
    } catch {
      set({
        state: 'failed',
        error: {
          code: 'UNAVAILABLE',
          message: 'FlipSync could not put the diagnostics on the clipboard.',
          hint: 'Allow clipboard access for this page and try again.',
        },
      });
    }
  },
}));
