import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';
import { layerConfigs } from './scripts/lint/layers.js';

export default ts.config(
	{ ignores: ['build*/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/'] },
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			complexity: ['error', 13]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		// Node-side TypeScript (CLI, benches, test server, browser tests) is typed by tsconfig.node.json.
		files: ['scripts/**/*.ts', 'tests/**/*.ts', 'playwright.config.ts'],
		languageOptions: {
			parserOptions: { projectService: false, project: './tsconfig.node.json' }
		}
	},
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	},
	// The layer order of src/lib (README, Layout): who may import whom.
	...layerConfigs
);
