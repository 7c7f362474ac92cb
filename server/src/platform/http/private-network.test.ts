import { describe, expect, it } from 'vitest';
import { guardedLookup, isPrivateAddress, privateAddressGuard, privateAllowanceFromEnv, refusedAddressOf } from './private-network.ts';

describe('private network guard', () => {
  it('tells private, loopback, link-local and reserved addresses from public ones, IPv4-mapped IPv6 included', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.0.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '[::1]', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses every private address by default, none with true, and only those outside the list otherwise', () => {
    expect(privateAddressGuard(false)('10.0.0.5')).toBe(true);
    expect(privateAddressGuard(false)('93.184.216.34')).toBe(false);
    expect(privateAddressGuard(true)('10.0.0.5')).toBe(false);
    const studio = privateAddressGuard(['10.20.0.0/16', '192.168.1.7', 'fd12::/16']);
    expect(studio('10.20.3.4')).toBe(false);
    expect(studio('10.21.0.1')).toBe(true);
    expect(studio('192.168.1.7')).toBe(false);
    expect(studio('::ffff:192.168.1.7')).toBe(false);
    expect(studio('192.168.1.8')).toBe(true);
    expect(studio('fd12::9')).toBe(false);
    expect(studio('127.0.0.1')).toBe(true);
  });

  it('reads the setting from the environment and refuses what is not an address or range', () => {
    expect(privateAllowanceFromEnv('X', undefined)).toBe(false);
    expect(privateAllowanceFromEnv('X', ' false ')).toBe(false);
    expect(privateAllowanceFromEnv('X', 'TRUE')).toBe(true);
    expect(privateAllowanceFromEnv('X', '10.0.0.0/8, 192.168.1.7')).toEqual(['10.0.0.0/8', '192.168.1.7']);
    expect(() => privateAllowanceFromEnv('RUSHES_WEBHOOK_ALLOW_PRIVATE', 'render-farm.local')).toThrow(/RUSHES_WEBHOOK_ALLOW_PRIVATE .*"render-farm.local"/);
  });

  it('refuses a host name that resolves to a refused address, at lookup and when resolving ahead', async () => {
    const refuseAll = privateAddressGuard(false);
    expect(await refusedAddressOf('localhost', refuseAll)).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await refusedAddressOf('localhost', privateAddressGuard(true))).toBeNull();
    expect(await refusedAddressOf('[::1]', refuseAll)).toBe('::1');
    expect(await refusedAddressOf('name.that-does-not-resolve.invalid', refuseAll)).toBeNull();
    const lookup = guardedLookup(refuseAll, (address, host) => new Error(`${host} is ${address}`));
    const error = await new Promise<Error | null>((resolve) => lookup('localhost', {}, (failure) => resolve(failure)));
    expect(error?.message).toMatch(/^localhost is (127\.0\.0\.1|::1)$/);
  });
});
