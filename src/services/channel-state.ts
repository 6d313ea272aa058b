// The POC channel's own life: archived, its POC's scheduled posts stop; unarchived, they resume
// (only when the archive was what stopped them).
import { channelArchivedReason, haltedByArchive } from '../domain/jobs-halt.js';
import type { ServiceContext } from './context.js';

export type ChannelStateOutcome = 'halted' | 'resumed' | 'ignored';

export class ChannelStateService {
  constructor(private readonly deps: ServiceContext) {}

  async onArchived(teamId: string, channelId: string): Promise<ChannelStateOutcome> {
    const { store, delivery, logger } = this.deps;
    const poc = await store.pocs.openInChannel(teamId, channelId);
    if (!poc || poc.jobsHaltedReason !== null) return 'ignored';
    await delivery.haltJobs(poc);
    logger.info(`POC ${poc.id}: ${channelId} archived; its scheduled posts stop until it is unarchived`);
    return 'halted';
  }

  async onUnarchived(teamId: string, channelId: string): Promise<ChannelStateOutcome> {
    const { store, clock, logger } = this.deps;
    const poc = await store.pocs.openInChannel(teamId, channelId);
    if (!poc || !haltedByArchive(poc.jobsHaltedReason)) return 'ignored';
    await store.pocs.update(poc.id, { jobsHaltedReason: null, updatedAt: clock.now().toISOString() });
    logger.info(
      `POC ${poc.id}: ${channelId} unarchived; scheduled posts resume (was: ${poc.jobsHaltedReason ?? channelArchivedReason})`,
    );
    return 'resumed';
  }
}
