/** The lifecycle's update validators that decide by who asks (pure functions, no server). */
import { samePerson } from '../../workflows/lifecycle/validators';

describe('legal hold release: four eyes', () => {
  it('treats one name under two roles as one person, so an operator cannot confirm their own request with an hr token', () => {
    expect(samePerson({ role: 'operator', name: 'alex' }, { role: 'hr', name: 'alex' })).toBe(true);
    expect(samePerson({ role: 'operator', name: 'Alex' }, { role: 'operator', name: 'alex' })).toBe(true);
  });

  it('treats two names as two people, whatever their roles', () => {
    expect(samePerson({ role: 'operator', name: 'alex' }, { role: 'hr', name: 'sam' })).toBe(false);
    expect(samePerson({ role: 'operator', name: 'alex' }, { role: 'operator', name: 'sam' })).toBe(false);
  });

  it('never lets Tenure stand in for a person', () => {
    expect(samePerson({ role: 'tenure', rule: 'x' }, { role: 'operator', name: 'x' })).toBe(false);
  });
});
