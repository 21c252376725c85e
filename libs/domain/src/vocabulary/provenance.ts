/** How a choice reached us. */
export const COLLECTION_METHODS = [
  'web_form',
  'mobile_app',
  'paper_form',
  'phone_call',
  'email',
  'sms',
  'in_person',
  'cookie_banner',
  'import',
  'api',
] as const;
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

export const PROOF_TYPES = [
  'double_opt_in',
  'signed_form',
  'call_recording',
  'email_archive',
  'web_log',
  'other',
] as const;
export type ProofType = (typeof PROOF_TYPES)[number];
