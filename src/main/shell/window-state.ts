/**
 * Where the window was, remembered between runs. Pure rules (no Electron) so Node tests
 * cover them: a saved position is used only if it is still on a connected screen, so a
 * window last seen on an unplugged monitor comes back where the seller can reach it.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';

export const WindowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 900, height: 600 };
/** How much of the title bar must be on a screen for the seller to grab it. */
const GRAB = 80;

/** The bounds to open with: the saved ones if still reachable, else centred on the primary screen. */
export function fitWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  const primary = workAreas[0];
  const clampSize = (w: number, h: number, area: Rect | undefined) => ({
    width: Math.max(MIN_SIZE.width, Math.min(w, area?.width ?? w)),
    height: Math.max(MIN_SIZE.height, Math.min(h, area?.height ?? h)),
  });
  if (saved) {
    const home = workAreas.find(
      (a) =>
        saved.x + saved.width - GRAB >= a.x &&
        saved.x + GRAB <= a.x + a.width &&
        saved.y >= a.y &&
        saved.y + 30 <= a.y + a.height,
    );
    if (home) {
      return {
        bounds: { x: saved.x, y: saved.y, ...clampSize(saved.width, saved.height, home) },
        maximized: saved.maximized,
      };
    }
  }
  const size = clampSize(saved?.width ?? DEFAULT_SIZE.width, saved?.height ?? DEFAULT_SIZE.height, primary);
  if (!primary) return { bounds: size, maximized: saved?.maximized ?? false };
  return {
    bounds: {
      x: primary.x + Math.round((primary.width - size.width) / 2),
      y: primary.y + Math.round((primary.height - size.height) / 2),
      ...size,
    },
    maximized: saved?.maximized ?? false,
  };
}

export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Missing or unreadable: open at the default place; the next close writes it fresh.
    return null;
  }
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify(WindowStateSchema.parse(state)));
  await rename(tmp, file);
}
