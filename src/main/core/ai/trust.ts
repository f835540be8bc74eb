/** The trusted fetch moved to net/ (sync and the marketplaces share it); kept for existing imports. */
export * from '../net/trust';
