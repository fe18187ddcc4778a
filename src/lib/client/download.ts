/**
 * Saves text as a file through the browser's download: a Blob, an object URL and a clicked
 * `<a download>`. The URL is revoked a little later, once the download has taken the Blob.
 */
export function saveTextFile(name: string, text: string, type = 'text/csv'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
