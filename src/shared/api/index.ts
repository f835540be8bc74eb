export * from './envelope';
export * from './contract';
export * from './events';
export * from './app';
export * from './settings';
export * from './ai';
export * from './inventory';
export type { RouteDef } from './route';
export * from './wire';
