import type { CodegenConfig } from '@graphql-codegen/cli'

// The SDL exported from the Python code (CI checks it matches the code).
const schema = ['../schema/schema.graphql']

const config: CodegenConfig = {
  schema,
  documents: ['src/graphql/**/*.graphql', 'src/pages/**/*.graphql'],
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
    // The payload error-code enums the operations select (ErrorEnum for usePayloadErrors).
    './src/gql/error-enums.ts': {
      plugins: ['./codegen/error-enums.cjs'],
    },
  },
}

export default config
