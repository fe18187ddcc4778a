import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** File -> the files of ours it imports (type imports and dynamic import() included). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.(ts|svelte)$/;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return SOURCE.test(entry.name) ? [path] : [];
	});
}

/** The file a relative or `$lib` import names, as Vite resolves it; null for packages. */
function resolveImport(root: string, from: string, specifier: string): string | null {
	const bare = specifier.replace(/\?.*$/, '');
	let base: string;
	if (bare.startsWith('$lib/')) base = join(root, 'src/lib', bare.slice('$lib/'.length));
	else if (bare.startsWith('.')) base = join(dirname(from), bare);
	else return null;
	const candidates = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')];
	return candidates.find((path) => existsSync(path) && SOURCE.test(path)) ?? null;
}

/** The import graph of every .ts and .svelte file under `root`/`dir`, paths relative to `root`. */
export function importGraph(root: string, dir: string): ImportGraph {
	const graph = new Map<string, string[]>();
	for (const file of sourceFiles(join(root, dir))) {
		const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
		const targets = importedFiles
			.map(({ fileName }) => resolveImport(root, file, fileName))
			.filter((target) => target !== null)
			.map((target) => relative(root, target));
		graph.set(relative(root, file), targets);
	}
	return graph;
}

/** Every import cycle, as the files on it (strongly connected components of two or more files). */
export function importCycles(graph: ImportGraph): string[][] {
	// Tarjan's algorithm.
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (file: string): void => {
		index.set(file, index.size);
		low.set(file, index.get(file) ?? 0);
		stack.push(file);
		onStack.add(file);
		for (const next of graph.get(file) ?? []) {
			if (!index.has(next)) visit(next);
			if (onStack.has(next)) low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
		}
		if (low.get(file) !== index.get(file)) return;
		const component: string[] = [];
		let top: string | undefined;
		do {
			top = stack.pop();
			if (top === undefined) break;
			onStack.delete(top);
			component.push(top);
		} while (top !== file);
		if (component.length > 1) cycles.push(component.sort());
	};
	for (const file of graph.keys()) if (!index.has(file)) visit(file);
	return cycles;
}
