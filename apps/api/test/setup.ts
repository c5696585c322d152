import type { TestProject } from 'vitest/node';
import type { DatabaseKind } from '@kengash/db';
import { prepareTemplate } from '@kengash/db/testing';

/** Once per project (database): migrate the template every test copies. */
export default async function setup(project: TestProject) {
  const kind = project.config.env.TEST_DB as DatabaseKind;
  const { template, cleanup } = await prepareTemplate(kind);
  project.provide('template', template);
  return cleanup;
}

declare module 'vitest' {
  export interface ProvidedContext {
    template: string;
  }
}
