// Messages of live updates (the mark shown while the screens update by themselves), French first.
export const fr = {
  'live.on': 'En direct',
  'live.onHint': 'Cette page se met à jour d’elle-même quand un projet change.',
} as const;

export const en: Record<keyof typeof fr, string> = {
  'live.on': 'Live',
  'live.onHint': 'This page updates by itself when a project changes.',
};
