/**
 * Files between the user's disk and the API, without Node: a download the
 * main process produced (base64) is handed to the browser (or Electron) as a
 * download, so the user chooses where it goes; a chosen file is read into
 * base64 for the call.
 */
import type { FileDownload } from '../../../shared/domain';

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Offers the file as a download (the browser's or Electron's save dialog decides where). */
export function saveDownload(file: FileDownload): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.base64)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its copy by the time the click returns; give slow hosts a minute anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
