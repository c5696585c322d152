import { workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { pgDir } = workerData as { pgDir: string };
const client = await PGlite.create(pgDir);
await client.close();
