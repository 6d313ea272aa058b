import { describe, expect, it } from 'vitest';
import { nextWorkspaceState } from '../../src/domain/workspace.js';

describe('nextWorkspaceState', () => {
  it('an uninstall stops the jobs of a workspace that runs (or was never seen: installed)', () => {
    expect(nextWorkspaceState('installed', { type: 'app_uninstalled' })).toEqual({
      state: 'uninstalled',
      jobs: 'stop',
    });
    expect(nextWorkspaceState(undefined, { type: 'app_uninstalled' })).toEqual({ state: 'uninstalled', jobs: 'stop' });
  });

  it('a revoked bot token stops them; revoked user tokens alone change nothing (pocbot uses none)', () => {
    expect(nextWorkspaceState('installed', { type: 'tokens_revoked', bot: ['U0POCBOT'] })).toEqual({
      state: 'tokens_revoked',
      jobs: 'stop',
    });
    expect(nextWorkspaceState('installed', { type: 'tokens_revoked', bot: [] })).toEqual({
      state: 'installed',
      jobs: 'unchanged',
    });
  });

  it('a workspace already stopped does not stop twice, whichever event comes second', () => {
    expect(nextWorkspaceState('tokens_revoked', { type: 'app_uninstalled' })).toEqual({
      state: 'uninstalled',
      jobs: 'unchanged',
    });
    expect(nextWorkspaceState('uninstalled', { type: 'tokens_revoked', bot: ['U0POCBOT'] })).toEqual({
      state: 'uninstalled',
      jobs: 'unchanged',
    });
    expect(nextWorkspaceState('uninstalled', { type: 'app_uninstalled' })).toEqual({
      state: 'uninstalled',
      jobs: 'unchanged',
    });
  });

  it('the token verified again resumes a stopped workspace, and changes nothing for one that runs', () => {
    expect(nextWorkspaceState('uninstalled', { type: 'authorized' })).toEqual({ state: 'installed', jobs: 'resume' });
    expect(nextWorkspaceState('tokens_revoked', { type: 'authorized' })).toEqual({
      state: 'installed',
      jobs: 'resume',
    });
    expect(nextWorkspaceState('installed', { type: 'authorized' })).toEqual({ state: 'installed', jobs: 'unchanged' });
    expect(nextWorkspaceState(undefined, { type: 'authorized' })).toEqual({ state: 'installed', jobs: 'unchanged' });
  });
});
