import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a service that keeps rows only for a while (README, "Retention"): the scheduler's
 * retention round finds every such service and calls its pruneOldRows(). Each feature prunes
 * its own tables; the scheduler knows none of them.
 */
export const PrunesOldRows = DiscoveryService.createDecorator();

export interface OldRowsPruner {
  /** Deletes (or empties) what is past its retention; answers how many rows, per kind, it touched. */
  pruneOldRows(): Promise<Record<string, number>>;
}
