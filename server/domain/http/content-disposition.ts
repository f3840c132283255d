/**
 * The Content-Disposition header for a generated file: `inline` shows it in the
 * browser, `attachment` offers it as a download under `fileName`. The name is
 * reduced to a safe ASCII set, so no quote, slash or line break reaches the header.
 */
export function contentDisposition(mode: "inline" | "attachment", fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "") || "download";
  return `${mode}; filename="${safe.slice(0, 120)}"`;
}

/** A `?download` query parameter asks for the attachment form ("", "1", "true"). */
export function wantsDownload(url: URL): boolean {
  const v = url.searchParams.get("download");
  return v !== null && ["", "1", "true", "yes"].includes(v.toLowerCase());
}
