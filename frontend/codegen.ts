import { existsSync } from 'node:fs'
import type { CodegenConfig } from '@graphql-codegen/cli'

// The real SDL is exported from the Python code; the draft is only a stand-in until it exists.
// The draft names NotificationError without defining it, so a small patch completes it.
const REAL_SCHEMA = '../schema/schema.graphql'
const schema = existsSync(REAL_SCHEMA)
  ? [REAL_SCHEMA]
  : ['../docs/api-draft.graphql', './codegen/draft-patch.graphql']

const config: CodegenConfig = {
  schema,
  documents: ['src/graphql/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: {
          Amount: { input: 'string | number', output: 'string | number' },
          DateTime: { input: 'string', output: 'string' },
          JSON: { input: 'unknown', output: 'unknown' },
        },
      },
    },
  },
}

export default config
