import PDFDocument from 'pdfkit'

/*
 * Page geometry, look and a flowing layout for the portal's PDFs (pdfkit's built-in Helvetica and
 * vector drawing only: no font files, no images, no network). Shared by the proposal PDF and the
 * contract statement PDF, so both read alike.
 */

export const PAGE_WIDTH = 612 // US Letter, points
export const PAGE_HEIGHT = 792
export const MARGIN = 54
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
export const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN
export const REGULAR = 'Helvetica'
export const BOLD = 'Helvetica-Bold'
export const OBLIQUE = 'Helvetica-Oblique'
export const INK = '#1a1f2b'
export const MUTED = '#5b6475'
export const ACCENT = '#1f4e79'
export const RULE = '#d5dae1'
export const ZEBRA = '#f6f8fa'


export type FontName = typeof REGULAR | typeof BOLD | typeof OBLIQUE

/** One paragraph of flowing text: a heading, a line of prose or a bullet. */
export interface FlowItem {
  text: string
  font: FontName
  size: number
  color: string
  bullet?: boolean
  spaceBefore?: number
  /** A heading stays on the page of the item that follows it. */
  keepWithNext?: boolean
  /** A "Recommended" pill drawn after the text (scenario headings). */
  tag?: string
}

/** A cursor over buffered pages: measures before drawing, so nothing is split mid-line or overlaps. */
export class Layout {
  y = MARGIN

  constructor(readonly doc: PDFKit.PDFDocument) {}

  get remaining() {
    return CONTENT_BOTTOM - this.y
  }

  newPage() {
    this.doc.addPage()
    this.y = MARGIN
  }

  /** Starts a new page unless `height` fits on this one (and a new page would help). */
  ensure(height: number) {
    if (height > this.remaining && this.y > MARGIN) this.newPage()
  }

  textHeight(text: string, font: FontName, size: number, width: number) {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: lineGap(size) })
  }

  text(text: string, x: number, y: number, width: number, font: FontName, size: number, color: string) {
    this.doc.font(font).fontSize(size).fillColor(color).text(text, x, y, { width, lineGap: lineGap(size) })
  }

  itemHeight(item: FlowItem) {
    const indent = item.bullet ? BULLET_INDENT : 0
    return (item.spaceBefore ?? 0) + this.textHeight(item.text, item.font, item.size, this.itemTextWidth(item) - indent)
  }

  blockHeight(items: FlowItem[]) {
    return items.reduce((sum, item) => sum + this.itemHeight(item), 0)
  }

  /** Draws items in order; a block that fits on one page is kept on one page. */
  flow(items: FlowItem[], keepTogether = false) {
    const total = this.blockHeight(items)
    if (keepTogether && total <= CONTENT_BOTTOM - MARGIN) this.ensure(total)
    items.forEach((item, index) => {
      const next = items[index + 1]
      this.ensure(this.itemHeight(item) + (item.keepWithNext && next ? this.itemHeight(next) : 0))
      if (this.y > MARGIN) this.y += item.spaceBefore ?? 0
      this.drawItem(item)
    })
  }

  /** A short section (a third of a page or less) moves whole to the next page rather than split. */
  section(title: string, items: FlowItem[]) {
    const block = [sectionHeading(title), ...items]
    this.flow(block, this.blockHeight(block) <= (CONTENT_BOTTOM - MARGIN) / 3)
  }

  private itemTextWidth(item: FlowItem) {
    return item.tag ? CONTENT_WIDTH - this.tagWidth(item.tag) - 10 : CONTENT_WIDTH
  }

  private drawItem(item: FlowItem) {
    const indent = item.bullet ? BULLET_INDENT : 0
    const width = this.itemTextWidth(item) - indent
    if (item.bullet) this.text('•', MARGIN + 4, this.y, 10, REGULAR, item.size, MUTED)
    this.text(item.text, MARGIN + indent, this.y, width, item.font, item.size, item.color)
    if (item.tag) {
      const textWidth = Math.min(this.doc.font(item.font).fontSize(item.size).widthOfString(item.text), width)
      this.pill(item.tag, MARGIN + textWidth + 10, this.y + (item.size - PILL_HEIGHT) / 2 - 0.5, false)
    }
    this.y += this.textHeight(item.text, item.font, item.size, width)
  }

  tagWidth(label: string) {
    return this.doc.font(BOLD).fontSize(PILL_SIZE).widthOfString(label) + 2 * PILL_PADDING
  }

  /** A small rounded label; `inverse` for use on the dark table header. */
  pill(label: string, x: number, y: number, inverse: boolean) {
    const width = this.tagWidth(label)
    this.doc.save().roundedRect(x, y, width, PILL_HEIGHT, PILL_HEIGHT / 2).fill(inverse ? '#ffffff' : ACCENT).restore()
    this.doc
      .font(BOLD)
      .fontSize(PILL_SIZE)
      .fillColor(inverse ? ACCENT : '#ffffff')
      .text(label, x + PILL_PADDING, y + (PILL_HEIGHT - PILL_SIZE) / 2 + 0.5, { width: width - 2 * PILL_PADDING + 1, lineBreak: false })
  }

  rule(color = RULE, thickness = 0.75) {
    this.doc.save().moveTo(MARGIN, this.y).lineTo(MARGIN + CONTENT_WIDTH, this.y).lineWidth(thickness).strokeColor(color).stroke().restore()
  }
}

export const BULLET_INDENT = 14
export const PILL_SIZE = 7.5
export const PILL_HEIGHT = 13
export const PILL_PADDING = 6

export function lineGap(size: number) {
  return Math.round(size * 0.25 * 10) / 10
}

export function sectionHeading(text: string): FlowItem {
  return { text, font: BOLD, size: 14, color: ACCENT, spaceBefore: 22, keepWithNext: true }
}

export function bulletItems(lines: string[], empty: string): FlowItem[] {
  if (lines.length === 0) return [{ text: empty, font: OBLIQUE, size: 10, color: MUTED, spaceBefore: 6 }]
  return lines.map((text, index) => ({ text, font: REGULAR, size: 10, color: INK, bullet: true, spaceBefore: index === 0 ? 8 : 4 }))
}

/** A Letter-size document with the portal's margins and buffered pages (for footers), and a promise of its bytes once `end()` is called. */
export function startPdf(info: PDFKit.DocumentInfo): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'LETTER', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, info })
  const chunks: Buffer[] = []
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  return { doc, bytes }
}

/** A one-line footer on every buffered page ("… · page 2 of 5"), centred under a rule; `text` shortens itself to fit. */
export function drawFooters(doc: PDFKit.PDFDocument, text: (page: number, pages: number, fits: (line: string) => boolean) => string) {
  const { start, count: pages } = doc.bufferedPageRange()
  for (let index = start; index < start + pages; index++) {
    doc.switchToPage(index)
    // Writing inside the bottom margin would otherwise make pdfkit add a page.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = PAGE_HEIGHT - MARGIN + 18
    doc.save().moveTo(MARGIN, y - 8).lineTo(MARGIN + CONTENT_WIDTH, y - 8).lineWidth(0.5).strokeColor(RULE).stroke().restore()
    doc.font(REGULAR).fontSize(8).fillColor(MUTED)
    const line = text(index - start + 1, pages, (candidate) => doc.widthOfString(candidate) <= CONTENT_WIDTH)
    doc.text(line, MARGIN, y, { width: CONTENT_WIDTH, align: 'center', lineBreak: false })
    doc.page.margins.bottom = bottom
  }
}

/** Characters the built-in fonts' WinAnsi encoding lacks, written as they read. */
const PDF_REPLACEMENTS: Record<string, string> = { 'Σ': 'Sum', '−': '-', '≥': '>=', '≤': '<=', '→': '->', '≈': '~', '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9' }
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

/**
 * Text the built-in Helvetica can draw: pdfkit's standard fonts encode WinAnsi only, so "Σ Bench"
 * or "n₀" would come out as other glyphs. Known symbols become their words ("Sum Bench", "n0",
 * "≥" → ">="); anything else outside WinAnsi becomes "?".
 */
export function pdfSafe(text: string): string {
  let safe = ''
  for (const character of text) {
    const code = character.codePointAt(0)!
    if (PDF_REPLACEMENTS[character] !== undefined) safe += PDF_REPLACEMENTS[character]
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || character === '\n' || WIN_ANSI_EXTRAS.has(character)) safe += character
    else safe += '?'
  }
  return safe
}


/** Renders a US Letter document: `draw` lays out the pages, then the file is returned whole. */
export function renderPdf(info: PDFKit.DocumentInfo, draw: (layout: Layout) => void): Promise<Buffer> {
  const { doc, bytes } = startPdf(info)
  draw(new Layout(doc))
  doc.end()
  return bytes
}

/** "<owner> · <title> · page 2 of 5" under a rule on every page; a title too long for one line is shortened with an ellipsis. */
export function drawPageFooters(doc: PDFKit.PDFDocument, owner: string, fullTitle: string) {
  drawFooters(doc, (page, pages, fits) => {
    const footer = (title: string) => `${owner} · ${title} · page ${page} of ${pages}`
    let title = fullTitle
    while (title.length > 1 && !fits(footer(title))) title = `${title.slice(0, -2).trimEnd()}…`
    return footer(title)
  })
}

/** A column of a simple table: its header, its share of the content width, and whether it holds figures (aligned right). */
export interface TableColumn {
  header: string
  share: number
  align?: 'left' | 'right'
}

const TABLE_SIZE = 8.5
const TABLE_PAD_X = 5
const TABLE_PAD_Y = 4

/**
 * A plain table: a dark header row, zebra rows, each row kept on one page and the header repeated
 * on the next page when the table runs on. Cells wrap inside their column.
 */
export function drawTable(layout: Layout, columns: readonly TableColumn[], rows: ReadonlyArray<readonly string[]>) {
  const totalShare = columns.reduce((sum, column) => sum + column.share, 0)
  const widths = columns.map((column) => (column.share / totalShare) * CONTENT_WIDTH)
  const xs = widths.map((_, index) => MARGIN + widths.slice(0, index).reduce((sum, width) => sum + width, 0))
  const { doc } = layout
  const heightOf = (cells: readonly string[], font: FontName) =>
    2 * TABLE_PAD_Y + Math.max(...cells.map((cell, index) => layout.textHeight(cell, font, TABLE_SIZE, widths[index]! - 2 * TABLE_PAD_X)))
  const drawCells = (cells: readonly string[], font: FontName, color: string, top: number) => {
    cells.forEach((cell, index) => {
      const width = widths[index]! - 2 * TABLE_PAD_X
      doc.font(font).fontSize(TABLE_SIZE).fillColor(color).text(cell, xs[index]! + TABLE_PAD_X, top + TABLE_PAD_Y, { width, lineGap: lineGap(TABLE_SIZE), align: columns[index]!.align ?? 'left' })
    })
  }
  const headers = columns.map((column) => column.header)
  const headerHeight = heightOf(headers, BOLD)
  const drawHeader = () => {
    doc.save().rect(MARGIN, layout.y, CONTENT_WIDTH, headerHeight).fill(ACCENT).restore()
    drawCells(headers, BOLD, '#ffffff', layout.y)
    layout.y += headerHeight
  }
  const first = rows[0]
  layout.ensure(headerHeight + (first ? heightOf(first, REGULAR) : 0))
  drawHeader()
  rows.forEach((row, index) => {
    const height = heightOf(row, REGULAR)
    if (height > layout.remaining) {
      layout.newPage()
      drawHeader()
    }
    if (index % 2 === 1) doc.save().rect(MARGIN, layout.y, CONTENT_WIDTH, height).fill(ZEBRA).restore()
    layout.rule(RULE, 0.5)
    drawCells(row, REGULAR, INK, layout.y)
    layout.y += height
  })
  layout.rule(RULE, 0.5)
}
