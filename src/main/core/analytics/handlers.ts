import type { analyticsRoutes } from '@shared/api/analytics';
import type { HandlersFor } from '../router';
import type { AnalyticsService } from './service';

export function analyticsHandlers(analytics: AnalyticsService): HandlersFor<typeof analyticsRoutes> {
  return {
    'analytics.dashboard': (filter) => analytics.dashboard(filter),
  };
}
