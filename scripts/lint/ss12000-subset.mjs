// Validates the SS 12000 subset the feed reads (src/feeds/ss12000/ss12000-subset.openapi.yaml)
// with @apidevtools/swagger-parser and prints, as JSON, how many examples each answer has.
// A separate Node process because swagger-parser's ref-parser is ESM-only, which Jest's
// CommonJS runtime cannot load; tests/integration/ss12000-contract.test.ts runs this file.
import SwaggerParser from '@apidevtools/swagger-parser';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../src/feeds/ss12000/ss12000-subset.openapi.yaml');
try {
  await SwaggerParser.validate(file);
  const api = await SwaggerParser.dereference(file);
  const examples = {};
  for (const [path, item] of Object.entries(api.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        examples[`${method.toUpperCase()} ${path} ${status}`] = Object.keys(response.content?.['application/json']?.examples ?? {}).length;
      }
    }
  }
  console.log(JSON.stringify({ valid: true, openapi: api.openapi, examples }));
} catch (e) {
  console.log(JSON.stringify({ valid: false, error: e.message }));
  process.exit(1);
}
