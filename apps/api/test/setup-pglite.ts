import type { TestProject } from 'vitest/node';
import { prepareTemplate } from '@kengash/db/testing';

export default async function setup(project: TestProject) {
  const { template, cleanup } = await prepareTemplate('pglite');
  project.provide('template', template);
  return cleanup;
}

declare module 'vitest' {
  export interface ProvidedContext {
    template: string;
  }
}
