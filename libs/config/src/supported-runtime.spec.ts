import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './ledger-config';
import { SUPPORTED_NODE, assertSupportedRuntime, unsupportedRuntime } from './supported-runtime';

describe('the supported Node.js runtime', () => {
  const packageJson = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));

  it('is the line package.json pins and states in engines', () => {
    const minimum = SUPPORTED_NODE.minimum.join('.');
    expect(packageJson.engines.node).toBe(`^${minimum}`);
    expect(packageJson.devDependencies.node.split('.')[0]).toBe(String(SUPPORTED_NODE.major));
    expect(unsupportedRuntime(`v${packageJson.devDependencies.node}`)).toBeUndefined();
  });

  it('is the runtime these tests run on', () => {
    expect(unsupportedRuntime(process.version)).toBeUndefined();
  });

  it.each(['v24.21.0', 'v24.21.7', 'v24.22.3', '24.30.0'])('accepts %s', (version) => {
    expect(unsupportedRuntime(version)).toBeUndefined();
  });

  it.each(['v20.20.2', 'v22.12.0', 'v24.20.9', 'v24.9.0', 'v26.10.0', 'v25.1.0', 'garbage', ''])(
    'refuses %s, saying what to do',
    (version) => {
      expect(unsupportedRuntime(version)).toMatch(/not supported.*Node\.js 24 LTS.*npm start/s);
      expect(() => assertSupportedRuntime(version)).toThrow(ConfigError);
    },
  );
});
