// Saving a file the station made (a PDF, a CSV) on this computer: the renderer has no file system, so
// the browser saves it, to its downloads folder (Electron asks where). The name is the station's.
export function saveFile(fileName: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // Long enough for the browser to have read it; the object URL is then let go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A PDF the core sent as base64. */
export function pdfBlob(base64: string): Blob {
  return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'application/pdf' });
}
