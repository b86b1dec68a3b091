import type { DataSource } from 'typeorm';
import { createTestDataSource } from '../utils/test-data-source.js';

describe('blocked_ips constraints', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createTestDataSource();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE blocked_ips');
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const insert = (cidr: string, source = 'manual') =>
    dataSource.query(`INSERT INTO blocked_ips (cidr, reason, source) VALUES ($1, '', $2)`, [cidr, source]);

  it('stores networks in canonical cidr form and matches addresses with >>=', async () => {
    await insert('203.0.113.0/24');
    const [row] = await dataSource.query(`SELECT cidr::text AS cidr FROM blocked_ips WHERE cidr >>= '203.0.113.9'`);
    expect(row).toEqual({ cidr: '203.0.113.0/24' });
  });

  it('refuses a network with host bits set, a duplicate network and an unknown source', async () => {
    await expect(insert('203.0.113.7/24')).rejects.toThrow(/invalid cidr value/);
    await insert('198.51.100.7');
    await expect(insert('198.51.100.7/32')).rejects.toThrow(/blocked_ips_cidr_key/);
    await expect(insert('192.0.2.1', 'robot')).rejects.toThrow(/blocked_ips_source_check/);
  });
});
