/**
 * The layer order of src/lib (README, "Layout") as lint rules, so "nothing imports upward" is a
 * fact, not a habit. eslint.config.js uses these configs; layers.spec.ts lints snippets with only
 * them (no type information, so it runs in a second or two).
 *
 * Matching is on the import as written: a relative path ('../core/x', '../../client/render/y') or
 * '$lib/...', whose path segments name the folder it reaches. Package imports are never matched.
 * `*.spec.ts` files are tests: like tests/ and scripts/, they may import anything.
 */
import ts from 'typescript-eslint';

/** What each folder under src/lib may import of ours, besides itself. */
export const LAYERS = /** @type {const} */ ({
	core: [],
	runtime: ['core'],
	binance: ['core', 'runtime'],
	storage: ['core', 'runtime'],
	protocol: [],
	feed: ['core', 'runtime', 'binance', 'storage', 'protocol'],
	client: ['core', 'runtime', 'protocol'],
	chart: ['core', 'protocol'],
	components: ['core', 'protocol', 'client', 'chart']
});

/** Imports allowed as `import type` only. */
const TYPES_ONLY = /** @type {Partial<Record<Layer, readonly Layer[]>>} */ ({ protocol: ['core'] });

/** @typedef {keyof typeof LAYERS} Layer */

const FOLDERS = /** @type {Layer[]} */ (Object.keys(LAYERS));

/**
 * A regex source matching a relative or `$lib` import that passes through a folder named one of
 * `names`. No `/` in it (escaped as \x2F), so it also fits an esquery attribute selector.
 * @param {readonly string[]} names
 */
function reaching(names) {
	return String.raw`^(?:\$lib|\.\.?)(?:\x2F.*)?\x2F(?:${names.join('|')})(?:\x2F|$)`;
}

/**
 * One restricted pattern per forbidden folder, so the message names the arrow that was broken.
 * @typedef {{ regex: string, message: string, allowTypeImports?: boolean }} Restriction
 */

/** Test helpers and the repository's test and script trees: never from shipped source. @type {Restriction[]} */
const TEST_ONLY = [
	{
		regex: reaching(['testing']),
		message: 'testing/ holds test helpers: only *.spec.ts, tests/ and scripts/ import them.'
	},
	{
		regex: reaching(['tests', 'scripts']),
		message: 'src never imports tests/ or scripts/ (only its *.spec.ts files may).'
	}
];

/**
 * @param {Layer} layer
 * @returns {Restriction[]}
 */
function layerRestrictions(layer) {
	/** @type {readonly string[]} */
	const allowed = LAYERS[layer];
	const typesOnly = TYPES_ONLY[layer] ?? [];
	const may = allowed.length === 0 ? 'nothing of ours' : allowed.join(', ');
	const forbidden = [...FOLDERS.filter((f) => f !== layer && !allowed.includes(f)), 'routes'];
	return [
		...forbidden.map((target) => ({
			regex: reaching([target]),
			allowTypeImports: typesOnly.includes(/** @type {Layer} */ (target)),
			message: typesOnly.includes(/** @type {Layer} */ (target))
				? `${layer} may import ${target} types only (import type).`
				: `${layer} may import ${may} (README, Layout): not ${target}.`
		})),
		...TEST_ONLY
	];
}

/**
 * The rules for one set of restrictions: static imports and re-exports (type-aware of
 * `import type`), and dynamic `import()` of a literal path.
 * @param {Restriction[]} restrictions
 * @returns {import('eslint').Linter.RulesRecord}
 */
function rules(restrictions) {
	return {
		'@typescript-eslint/no-restricted-imports': [
			'error',
			{
				patterns: restrictions.map(({ regex, message, allowTypeImports = false }) => ({
					regex,
					message,
					allowTypeImports
				}))
			}
		],
		'no-restricted-syntax': [
			'error',
			...restrictions.map(({ regex, message }) => ({
				selector: `ImportExpression[source.value=/${regex}/]`,
				message
			}))
		]
	};
}

const SPECS = ['**/*.spec.ts'];

/** @type {import('eslint').Linter.Config[]} */
export const layerConfigs = [
	{ plugins: { '@typescript-eslint': ts.plugin } },
	{
		// src outside the layers (routes, app files) may import all of src/lib.
		files: ['src/**'],
		ignores: SPECS,
		rules: rules(TEST_ONLY)
	},
	...FOLDERS.map((layer) => ({
		files: [`src/lib/${layer}/**`],
		ignores: SPECS,
		rules: rules(layerRestrictions(layer))
	}))
];
