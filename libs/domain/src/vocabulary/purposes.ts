/** Finalités of the seed policy. Cookie categories have their own endpoint and purposes. */
export const PURPOSES = [
  'prospecting',
  'partner_transfer',
  'call_recording_quality',
  'call_recording_canvassing',
  'profiling',
  'contract_management',
  'legal_obligation',
  'fraud_detection',
  'security',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Partners named by the seed policy; a partner qualifies `partner_transfer` only. */
export const PARTNERS = ['flex-conseil-et-services', 'mg-services', 'lmg-assurances'] as const;
export type Partner = (typeof PARTNERS)[number];

/** `necessary` cookies need no choice; these are the categories a person chooses. */
export const COOKIE_CATEGORIES = ['functional', 'audience', 'advertising', 'social'] as const;
export type CookieCategory = (typeof COOKIE_CATEGORIES)[number];

/** What a decision can be asked about: a purpose, or a cookie category (necessary ones included). */
export const DECISION_PURPOSES = [
  ...PURPOSES,
  'cookies_necessary',
  ...COOKIE_CATEGORIES.map((category) => `cookies_${category}` as const),
] as const;

/** The channels a decision can name: the person's, and the web for cookies. */
export const DECISION_CHANNELS = [...CHANNELS, 'web'] as const;
