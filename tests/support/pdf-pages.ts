import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** A page of a PDF as read back by PDF.js (Mozilla's PDF reader, a dev dependency). */
export interface PdfPage {
  /** The page's text in reading order, words wrapped at a hyphen ("self-" / "only") joined again. */
  text: string
  /** How far down the text area the page's body text reaches (0 = empty, 1 = to the bottom margin), the footer left out. */
  fill: number
}

/** US Letter with 54 pt margins (app/services/proposal-pdf.server.ts); PDF y counts up from the bottom. */
const BODY_TOP = 792 - 54
const BODY_BOTTOM = 54

export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 }).promise
  const pages: PdfPage[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const items = (await (await document.getPage(number)).getTextContent()).items.flatMap((item) => ('str' in item ? [item] : []))
    const bodyYs = items.filter((item) => item.str.trim() !== '' && item.transform[5]! > BODY_BOTTOM).map((item) => item.transform[5]!)
    const lowest = bodyYs.length ? Math.min(...bodyYs) : BODY_TOP
    pages.push({
      text: items.map((item) => item.str).join(' ').replace(/\s+/g, ' ').replace(/(\w)- (\w)/g, '$1-$2'),
      fill: (BODY_TOP - lowest) / (BODY_TOP - BODY_BOTTOM),
    })
  }
  await document.destroy()
  return pages
}
