/** Replaced at build time with the version in package.json. */
declare const __APP_VERSION__: string;
