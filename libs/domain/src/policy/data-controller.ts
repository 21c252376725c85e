/**
 * The data controller of the seed policy, as its text names it (section "responsable de
 * traitement" and "exercer vos droits"): what consent receipts state as `piiControllers`.
 */
export const SEED_DATA_CONTROLLER = {
  piiController: 'La Mutuelle Générale (SIREN 775 685 340)',
  contact: 'Délégué à la Protection des Données (DPO)',
  address: {
    streetAddress: '1-11 rue Brillat Savarin',
    postalCode: '75013',
    addressLocality: 'Paris',
    addressCountry: 'FR',
  },
  email: 'mesdonnees@lamutuellegenerale.fr',
  piiControllerUrl: 'https://www.lamutuellegenerale.fr',
} as const;

/** Where the seed policy is published: its text names no page, so the controller's site. */
export const SEED_POLICY_URL = 'https://www.lamutuellegenerale.fr';
