// structure.mjs reads PDFs with pdf.js (npm pdfjs-dist, as .ci/pdfjs
// installs it) and prints, for each file named on the command line, one
// line of JSON: per page, the structure tree pdf.js builds for it
// (page.getStructTree), the page's text in content order with the
// marked content each piece is in (page.getTextContent with marked
// content), and its link annotations. internal/project's TestTaggedPDFs
// compares this with poppler and qpdf.
//
//   node structure.mjs PDFJS_DIR FILE...
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, ...files] = process.argv.slice(2);
const { getDocument } = await import(pathToFileURL(dir + "/legacy/build/pdf.mjs").href);

for (const file of files) {
  const out = { file, pages: [] };
  try {
    const data = new Uint8Array(readFileSync(file));
    const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const tree = await page.getStructTree();
      const text = await page.getTextContent({ includeMarkedContent: true });
      // Runs of text by what they are inside: a marked-content id, or
      // "tag:NAME" for marked content without one (an artifact), or ""
      // for text outside any marked content.
      const runs = [];
      const stack = [];
      for (const it of text.items) {
        if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
          stack.push(it.id ? it.id : "tag:" + it.tag);
        } else if (it.type === "endMarkedContent") {
          stack.pop();
        } else if (typeof it.str === "string" && it.str !== "") {
          const owner = stack.length ? stack[stack.length - 1] : "";
          const last = runs[runs.length - 1];
          if (last && last.owner === owner) {
            last.text += it.str;
          } else {
            runs.push({ owner, text: it.str });
          }
        }
      }
      const annots = (await page.getAnnotations())
        .filter((a) => a.subtype === "Link")
        .map((a) => ({ id: a.id, url: a.url || "", contents: (a.contentsObj && a.contentsObj.str) || "" }));
      out.pages.push({ tree, runs, annots });
    }
    await doc.destroy();
  } catch (e) {
    out.error = String(e);
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
