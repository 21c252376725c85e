/** Read-model collection names, in one place so the rebuild can swap them. */
export const COLLECTIONS = {
  subjects: 'subjects',
  checkpoints: 'projector_checkpoints',
} as const;
