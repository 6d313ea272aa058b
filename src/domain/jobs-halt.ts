// Why a POC's scheduled posts stopped (pocs.jobsHaltedReason), for the reasons that can end:
// an archived channel halts the jobs, unarchiving it lets them run again.

export const channelArchivedReason = 'channel archived';

/**
 * Whether the halt came from the channel being archived: the archive event, a direct post that
 * met is_archived, or the outbox dispatcher ("channel C… is archived (…)").
 */
export function haltedByArchive(reason: string | null): boolean {
  return reason !== null && (reason === channelArchivedReason || /\bis archived\b/.test(reason));
}
