// Seeds a local database with test merchants.
import pg from 'pg';

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query("insert into merchants (id, name) values ('m_test_1', 'Test Merchant') on conflict do nothing");
await client.end();
