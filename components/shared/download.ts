/** Saves `text` as a file through the browser's download (the page's own link; nothing leaves the machine). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  // The download has its own copy once started; the object URL is released on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
