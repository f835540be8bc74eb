/**
 * The whole API: every route once, grouped by domain. Both transports (Electron IPC and
 * the browser-mode WebSocket) carry exactly this, and one router implements it.
 */
import type { z } from 'zod';
import { agentRoutes } from './agents';
import { aiRoutes } from './ai';
import { analyticsRoutes } from './analytics';
import { appRoutes } from './app';
import { backupRoutes } from './backup';
import { chatRoutes } from './chat';
import { ebayRoutes } from './ebay';
import { ebayListingRoutes } from './ebay-listing';
import { inventoryRoutes } from './inventory';
import { inventoryIoRoutes, photoRoutes } from './inventory-io';
import { operationRoutes } from './operations';
import { settingsRoutes } from './settings';
import { syncRoutes } from './sync';

export const routes = {
  ...appRoutes,
  ...settingsRoutes,
  ...syncRoutes,
  ...aiRoutes,
  ...chatRoutes,
  ...inventoryRoutes,
  ...inventoryIoRoutes,
  ...photoRoutes,
  ...analyticsRoutes,
  ...agentRoutes,
  ...ebayRoutes,
  ...ebayListingRoutes,
  ...backupRoutes,
  ...operationRoutes,
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;
/** What a caller sends (before parsing: defaults and coercions not yet applied). */
export type RouteInput<R extends RouteName> = z.input<Routes[R]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<R extends RouteName> = z.output<Routes[R]['input']>;
export type RouteOutput<R extends RouteName> = z.output<Routes[R]['output']>;

export const isRouteName = (name: string): name is RouteName => Object.hasOwn(routes, name);
