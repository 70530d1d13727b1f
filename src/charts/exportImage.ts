// Charts as standalone images: the SVG(s) of a chart container stacked into one SVG document
// (white background, explicit size, currentColor resolved), and a PNG rendered from it at 2×.
const SVG_NS = 'http://www.w3.org/2000/svg';

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

/** One SVG document holding every chart SVG inside `container`, top to bottom. */
export function chartToSvg(container: Element, title: string, textColour = '#1b1b1b'): ChartImage {
  const parts = [...container.querySelectorAll('svg.chart-svg')] as SVGSVGElement[];
  const doc = container.ownerDocument;
  const root = doc.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  let width = 0;
  let height = 0;
  const body = doc.createElementNS(SVG_NS, 'g');
  body.setAttribute('color', textColour);
  body.setAttribute('fill', 'none');
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
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const titleEl = doc.createElementNS(SVG_NS, 'title');
  titleEl.textContent = title;
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.append(titleEl, background, body);
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
