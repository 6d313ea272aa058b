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

/** Why the POCs of a workspace stopped: the app was uninstalled, or its bot token revoked. Reinstalling resumes them. */
export const workspaceHaltReasons = {
  uninstalled: 'the app was uninstalled from this workspace',
  tokens_revoked: "the app's bot token for this workspace was revoked",
} as const;

/** Whether the halt came from the workspace's lifecycle (and so ends when the app is installed again). */
export function haltedByWorkspace(reason: string | null): boolean {
  return reason !== null && (Object.values(workspaceHaltReasons) as string[]).includes(reason);
}
