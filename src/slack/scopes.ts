// The bot scopes pocbot asks for when a workspace installs it through OAuth: the same list as
// manifest.json's oauth_config.scopes.bot (test/config/manifest.test.ts keeps them equal).
export const botScopes = [
  'channels:history',
  'channels:read',
  'chat:write',
  'chat:write.public',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
  'im:write',
  'pins:write',
  'reactions:read',
  'users:read',
] as const;
