/** The baseline's no-op activities; `onDone` counts finished workflows without polling Temporal. */
export function createBaselineActivities(onDone: (id: string) => void) {
  return {
    async firstNoop(_id: string): Promise<void> {},
    async secondNoop(id: string): Promise<void> {
      onDone(id);
    },
  };
}
