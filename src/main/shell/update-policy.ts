/**
 * Whether the installed app looks for updates. Off until a feed address is configured:
 * electron-builder writes `app-update.yml` into the app's resources only when
 * electron-builder.yml has a `publish` entry, so a build without one never contacts anything.
 * Pure, so Node tests cover it; shell/updates.ts applies it.
 */
export type UpdateDecision = { check: false; reason: string } | { check: true };

export function updateDecision(input: {
  isPackaged: boolean;
  hasFeedFile: boolean;
  feedText?: string;
}): UpdateDecision {
  if (!input.isPackaged) return { check: false, reason: 'not an installed build' };
  if (!input.hasFeedFile)
    return { check: false, reason: 'no update feed configured (electron-builder.yml has no publish entry)' };
  // Updates are code: never from a plain-http address a network could tamper with.
  const url = /^\s*url:\s*(\S+)\s*$/m.exec(input.feedText ?? '')?.[1];
  if (url && !url.startsWith('https://')) return { check: false, reason: `the update feed ${url} is not https` };
  return { check: true };
}
