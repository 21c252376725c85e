// Architecture boundaries, checked by `npm run lint` (dependency-cruiser).
/** The API's feature folders: each holds the use cases of one resource. */
const API_FEATURES = [
  'api-keys',
  'calls',
  'consents',
  'contacts',
  'cookies',
  'decisions',
  'health',
  'oppositions',
  'partner-transfers',
  'post-mortem-directives',
  'preferences',
  'proof',
  'statistics',
  'recordings',
  'relationships',
  'restrictions',
  'rights-requests',
  'subjects',
].join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-stays-pure',
      comment: 'libs/domain is the pure core: no framework, driver or Node built-in, no other lib or app.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        pathNot: '^libs/domain/',
      },
    },
    {
      name: 'contracts-know-only-the-domain',
      comment: 'The wire codec maps domain events to CloudEvents; it knows no client library.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^(libs/(kafka|mongo|config)|apps)/|node_modules/(kafkajs|mongodb|@nestjs)' },
    },
    {
      name: 'adapters-do-not-know-apps',
      comment: 'libs are shared by the apps; they never import an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'kafka-and-mongo-adapters-are-separate',
      severity: 'error',
      from: { path: '^libs/kafka/' },
      to: { path: '^libs/mongo/|node_modules/mongodb' },
    },
    {
      name: 'mongo-adapter-knows-no-kafka',
      severity: 'error',
      from: { path: '^libs/mongo/' },
      to: { path: '^libs/kafka/|node_modules/kafkajs' },
    },
    {
      name: 'apps-are-independent',
      comment: 'The API and the projector deploy separately; shared code lives in libs.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'console-talks-only-to-the-api',
      comment:
        'The DPO console runs in a browser and reaches the ledger through its HTTP API only: no lib, no Node built-in.',
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: {
        path: '^libs/|^apps/(?!console/)',
        dependencyTypes: ['core', 'local', 'aliased', 'npm', 'npm-dev'],
      },
    },
    {
      name: 'console-uses-no-node-built-in',
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'use-case-folders-are-independent',
      comment:
        'A feature folder of the API (one per resource, a folder per use case inside) imports no other: what two share lives in auth/, http/, identifiers/, metrics/, read-side/ or writes/.',
      severity: 'error',
      from: { path: `^apps/ledger-api/src/(${API_FEATURES})/` },
      to: { path: `^apps/ledger-api/src/(${API_FEATURES})/`, pathNot: '^apps/ledger-api/src/$1/' },
    },
    {
      name: 'controllers-know-no-adapter',
      comment:
        'Controllers speak HTTP and call use cases; Kafka and Mongo are reached through injected services.',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '^libs/(kafka|mongo)/|node_modules/(kafkajs|mongodb)/' },
    },
    {
      name: 'lib-tests-do-not-import-test',
      comment:
        'A lib is tested on its own: its tests take what they need of the run from @ledger/testing, never from test/ (which starts the apps).',
      severity: 'error',
      from: { path: '^libs/.+\\.(spec|int-spec)\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'testing-lib-only-in-tests',
      comment: 'libs/testing knows the test run (its key, its names): no app or lib code may use it.',
      severity: 'error',
      from: { pathNot: '(\\.(spec|int-spec|e2e-spec)\\.ts$|^test/|^bench/|^libs/testing/)' },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
