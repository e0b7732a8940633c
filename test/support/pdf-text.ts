// Reads a PDF the way a user's viewer would (pdfjs-dist, no fonts of this machine): pages and text.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function readPdf(bytes: Buffer | Uint8Array): Promise<{ pages: number; text: string; fonts: string[] }> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const texts: string[] = [];
    const fonts = new Set<string>();
    for (let i = 1; i <= document.numPages; i++) {
      const page = await document.getPage(i);
      const content = await page.getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
      for (const item of content.items) if ('fontName' in item) fonts.add(String(content.styles[item.fontName]?.fontFamily ?? item.fontName));
    }
    return { pages: document.numPages, text: texts.join('\n'), fonts: [...fonts] };
  } finally {
    await document.destroy();
  }
}
