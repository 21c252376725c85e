import { failureForLog } from './failure-for-log';

describe('failureForLog', () => {
  it('keeps what failed and drops emails and phone numbers quoted by the message', () => {
    const error = new SyntaxError(
      'Unexpected token in "email:jeanne.dupont@example.fr" near "phone:+33 6 12 34 56 78"',
    );
    const logged = failureForLog(error);
    expect(logged).toContain('SyntaxError: Unexpected token in');
    expect(logged).not.toContain('jeanne.dupont');
    expect(logged).not.toMatch(/12 34 56/);
    expect(failureForLog(error, true)).not.toContain('example.fr');
    // Where it failed stays readable: hosts and ports are not phone numbers.
    expect(failureForLog(new Error('connect ECONNREFUSED 127.0.0.1:27017'))).toContain('127.0.0.1:27017');
  });
});
