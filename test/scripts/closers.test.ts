import { Closers } from '../../scripts/lib/closers';

describe('closers', () => {
  it('closes last first, tries every close when some fail, reports the failures together, and closes nothing twice', async () => {
    const closed: string[] = [];
    const closers = new Closers('the stack');
    closers.add(async () => closed.push('server'));
    closers.add(async () => {
      throw new Error('worker would not stop');
    });
    closers.add(async () => closed.push('api'));

    const failure = await closers.closeAll().catch((error: unknown) => error);

    expect(closed).toEqual(['api', 'server']);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).message).toBe('the stack did not close cleanly');
    expect((failure as AggregateError).errors).toEqual([new Error('worker would not stop')]);
    await closers.closeAll();
    expect(closed).toEqual(['api', 'server']);
  });
});
