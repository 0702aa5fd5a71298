/** A pattern that matches exactly this address (case-insensitively, as mailbox domains are). */
export function exactAddress(address: string): RegExp {
  return new RegExp(`^${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
}
