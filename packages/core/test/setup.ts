import type { TestProject } from 'vitest/node';
import type { DatabaseKind } from '@kengash/db';
import { prepareTemplate } from '@kengash/db/testing';

/** Once per database project: migrate the template each test copies. */
export default async function setup(project: TestProject) {
  const { template, cleanup } = await prepareTemplate(project.config.env.TEST_DB as DatabaseKind);
  project.provide('template', template);
  return cleanup;
}

declare module 'vitest' {
  export interface ProvidedContext {
    template: string;
  }
}
