// Charts as standalone images: the SVG(s) of a chart container stacked into one SVG document
// (white background, explicit size, currentColor resolved) under the chart's title, over a
// caption of the configuration and the permalink that reruns it; a PNG rendered from it at 2×.
const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_BAND = 26;
const CAPTION_LINE = 14;
/** Caption characters per line at 10 px system-ui (no text measuring in a detached document). */
const charsPerLine = (width: number) => Math.max(30, Math.floor((width - 16) / 5.6));

export interface ExportText {
  /** Lines describing the configuration (wrapped to the image's width). */
  caption?: readonly string[];
  /** The permalink that reruns the experiment (written in full, wrapped). */
  link?: string;
  textColour?: string;
}

/** `text` cut into lines of at most `n` characters, at spaces or '&' where it can. */
export function wrapText(text: string, n: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > n) {
    const cut = Math.max(rest.lastIndexOf(' ', n), rest.lastIndexOf('&', n));
    const at = cut > n / 2 ? cut + (rest[cut] === ' ' ? 1 : 0) : n;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at);
  }
  if (rest) out.push(rest);
  return out;
}

function svgText(doc: Document, x: number, y: number, text: string, attrs: Record<string, string> = {}): SVGTextElement {
  const t = doc.createElementNS(SVG_NS, 'text') as SVGTextElement;
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.setAttribute('fill', 'currentColor');
  for (const [k, v] of Object.entries(attrs)) t.setAttribute(k, v);
  t.textContent = text;
  return t;
}

export interface ChartImage {
  svg: string;
  width: number;
  height: number;
}

/** The canvas of many faint runs under a chart's SVG (lineChart.ts) as an SVG image, if shown. */
function runCanvasImage(svg: SVGSVGElement): SVGImageElement | null {
  const canvas = svg.parentElement?.querySelector<HTMLCanvasElement>(':scope > canvas.chart-runs-canvas');
  if (!canvas || canvas.style.display === 'none') return null;
  let url: string;
  try {
    url = canvas.toDataURL('image/png');
  } catch {
    return null; // no 2D canvas here (jsdom): the export keeps the bands and means
  }
  if (!url.startsWith('data:image/png')) return null;
  const image = svg.ownerDocument.createElementNS(SVG_NS, 'image');
  const px = (v: string) => String(parseFloat(v) || 0);
  image.setAttribute('x', px(canvas.style.left));
  image.setAttribute('y', px(canvas.style.top));
  image.setAttribute('width', px(canvas.style.width));
  image.setAttribute('height', px(canvas.style.height));
  image.setAttribute('href', url);
  return image;
}

/** One SVG document: the title, every chart SVG inside `container` top to bottom, the caption and link. */
export function chartToSvg(container: Element, title: string, text: ExportText = {}): ChartImage {
  const parts = [...container.querySelectorAll('svg.chart-svg')] as SVGSVGElement[];
  const doc = container.ownerDocument;
  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  let width = 0;
  let height = TITLE_BAND;
  const body = doc.createElementNS(SVG_NS, 'g');
  body.setAttribute('color', text.textColour ?? '#1b1b1b');
  body.setAttribute('fill', 'none');
  body.setAttribute('font-family', 'system-ui, sans-serif');
  for (const svg of parts) {
    const w = Number(svg.getAttribute('width')) || 0;
    const h = Number(svg.getAttribute('height')) || 0;
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(0,${height})`);
    for (const attr of ['font-family', 'font-size']) {
      const v = svg.getAttribute(attr);
      if (v) g.setAttribute(attr, v);
    }
    const runs = runCanvasImage(svg);
    if (runs) g.appendChild(runs);
    for (const child of svg.childNodes) g.appendChild(child.cloneNode(true));
    body.appendChild(g);
    width = Math.max(width, w);
    height += h;
  }
  width = Math.max(width, 240);
  body.appendChild(svgText(doc, 8, 18, title, { 'font-size': '14', 'font-weight': '700' }));
  const n = charsPerLine(width);
  const captionLines = (text.caption ?? []).flatMap((line) => wrapText(line, n));
  const linkLines = text.link ? wrapText(text.link, n) : [];
  if (captionLines.length || linkLines.length) height += 6;
  for (const line of captionLines) {
    height += CAPTION_LINE;
    body.appendChild(svgText(doc, 8, height - 3, line, { 'font-size': '10', class: 'caption' }));
  }
  if (text.link) {
    const a = doc.createElementNS(SVG_NS, 'a');
    a.setAttribute('href', text.link);
    for (const line of linkLines) {
      height += CAPTION_LINE;
      a.appendChild(svgText(doc, 8, height - 3, line, { 'font-size': '10', fill: '#0072b2', class: 'permalink' }));
    }
    body.appendChild(a);
  }
  if (captionLines.length || linkLines.length) height += 6;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const titleEl = doc.createElementNS(SVG_NS, 'title');
  titleEl.textContent = title;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.textContent = [...(text.caption ?? []), ...(text.link ? [text.link] : [])].join('\n');
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.append(titleEl, desc, background, body);
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** PNG of a chart image at `scale` device pixels per CSS pixel. */
export async function chartToPng(image: ChartImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be rendered as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw to a canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, image.width, image.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
