/** The admin key of every ledger a test starts; also what the run's log audit looks for. */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';
