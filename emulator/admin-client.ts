import { ADMIN_PREFIX } from './logging';

/** Where an emulator is and the bearer token it accepts (a RunningEmulator fits). */
export interface EmulatorAccess {
  url: string;
  token: string;
}

/** `fetch` on the emulator's `/_emulator` inspection and control endpoints, with its bearer token. */
export function emulatorAdmin(emulator: EmulatorAccess, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${emulator.token}`);
  return fetch(`${emulator.url}${ADMIN_PREFIX}${path}`, { ...init, headers });
}
