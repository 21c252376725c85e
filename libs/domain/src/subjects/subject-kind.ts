/** member: adhérent with a contract; prospect; b2b_contact: representative of a legal person. */
export const SUBJECT_KINDS = ['member', 'prospect', 'b2b_contact'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
