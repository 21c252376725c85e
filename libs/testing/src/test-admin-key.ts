/** The admin key of every ledger a test starts; also what the run's log audit looks for. */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

/** The master key of every ledger a test starts (32 bytes, base64); also audited for in the logs. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
