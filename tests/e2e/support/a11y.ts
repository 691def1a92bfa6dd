// Measurements of the screen a gloved clinician relies on: sideways scrolling, what the viewport
// shows, and the contrast of the focus ring against whatever it sits on.
import { expect, type Page } from '@playwright/test';

/** Elements that scroll sideways, or stick out past the right edge of the viewport (clipped). */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const el of document.querySelectorAll('body *')) {
      const st = getComputedStyle(el);
      if (st.display === 'none' || st.visibility === 'hidden') continue;
      // No exemption for a table in its own scroll region (DataTable's `scroll`): it scrolls down, and
      // a table that scrolls sideways inside it is as hard to read as one that pushes the page (WCAG
      // 1.4.10 would allow it; the station's tables are made to fit at 1280 px in every language).
      if ((st.overflowX === 'auto' || st.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) out.push(`${name(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
      const r = el.getBoundingClientRect();
      // Off-screen helpers (the skip link before it is focused, sr-only text) are 1 px or above the top.
      if (r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > vw + 1) out.push(`${name(el)} sticks out: right ${Math.round(r.right)} > ${vw}`);
    }
    return out;
  });
}

/** WCAG relative luminance and contrast ratio. */
export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const lum = ([r, g, bl]: [number, number, number]) => {
    const f = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export interface FocusRing {
  /** What has focus: role, name, test id. */
  what: string;
  /** The ring's colours (the app draws two: a light band and a dark band, WCAG technique C40). */
  ring: [number, number, number][];
  /** Thickness of the thinnest band, CSS px. */
  bandPx: number;
  /** The colours the ring sits on: the background behind the element, or a zone's fill(s). */
  behind: [number, number, number][];
}

/**
 * The focus ring of the focused element, measured in the page: the outline and box-shadow of an HTML
 * element against the first opaque background among its ancestors (composited through translucent
 * ones); for a scalp-map zone, its drawn ring against the zone's fill (both colours of a hatch).
 * Null when nothing has focus.
 */
export async function focusedRing(page: Page): Promise<FocusRing | null> {
  return page.evaluate(() => {
    type RGB = [number, number, number];
    const parse = (c: string): [number, number, number, number] | null => {
      const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)/.exec(c);
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const over = (top: [number, number, number, number], under: RGB): RGB => [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3])) as RGB;
    const backgroundBehind = (start: Element | null): RGB => {
      const layers: [number, number, number, number][] = [];
      for (let el = start; el; el = el.parentElement) {
        const st = getComputedStyle(el);
        if (st.backgroundImage && st.backgroundImage !== 'none') throw new Error(`a background image behind the focus ring (${el.tagName}.${el.className}): cannot measure`);
        const c = parse(st.backgroundColor);
        if (c && c[3] > 0) {
          layers.push(c);
          if (c[3] >= 1) break;
        }
      }
      let rgb: RGB = [255, 255, 255];
      for (const l of layers.reverse()) rgb = over(l, rgb);
      return rgb;
    };
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // Opacity on the element or an ancestor fades its ring into what is behind it.
    let opacity = 1;
    for (let a: Element | null = el; a; a = a.parentElement) opacity *= Number(getComputedStyle(a).opacity);
    const faded = (ring: RGB[], behind: RGB[]): RGB[] => (opacity >= 1 ? ring : ring.map((c) => over([...c, opacity], behind[0] ?? [255, 255, 255])));
    const what = `${el.getAttribute('role') ?? el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 50)}"${el.getAttribute('data-testid') ? ` [${el.getAttribute('data-testid')}]` : ''}`;
    if (el instanceof SVGElement) {
      // The zone's ring: a light band with a dark dashed band on it, drawn inside the zone's edge
      // (each stroke is centred on the edge, so half of its width is inside).
      const group = el.querySelector('.focus-ring');
      const shown = !!group && getComputedStyle(group).display !== 'none';
      const light = el.querySelector('.focus-ring-light');
      const dark = el.querySelector('.focus-ring-dark');
      const ring: RGB[] = [];
      let bandPx = 0;
      if (shown && light && dark) {
        const l = getComputedStyle(light);
        const d = getComputedStyle(dark);
        for (const st of [l, d]) {
          const c = parse(st.stroke);
          if (c) ring.push(c.slice(0, 3) as RGB);
        }
        const svg = el.ownerSVGElement!;
        const box = svg.getBoundingClientRect();
        const vb = svg.viewBox.baseVal;
        const scale = Math.min(box.width / vb.width, box.height / vb.height);
        const lw = parseFloat(l.strokeWidth);
        const dw = parseFloat(d.strokeWidth);
        bandPx = Math.min(dw / 2, (lw - dw) / 2) * scale;
      }
      const fill = el.querySelector('.fill');
      const f = fill ? getComputedStyle(fill).fill : '';
      let behind: RGB[] = [];
      const url = /url\("?#([^")]+)"?\)/.exec(f);
      if (url) {
        const pattern = document.getElementById(url[1]!.replace(/\\/g, ""));
        behind = [...(pattern?.querySelectorAll('rect') ?? [])].map((r) => parse(getComputedStyle(r).fill)).filter((c): c is [number, number, number, number] => c !== null).map((c) => c.slice(0, 3) as RGB);
      } else {
        const c = parse(f);
        if (c) behind = [c.slice(0, 3) as RGB];
      }
      return { what, ring: faded(ring, behind), bandPx, behind };
    }
    const st = getComputedStyle(el);
    const ring: RGB[] = [];
    const bands: number[] = [];
    const outline = parse(st.outlineColor);
    if (st.outlineStyle !== 'none' && outline && parseFloat(st.outlineWidth) > 0) {
      ring.push(outline.slice(0, 3) as RGB);
      bands.push(parseFloat(st.outlineWidth));
    }
    // "rgb(255, 255, 255) 0px 0px 0px 3px": a spread ring.
    for (const m of st.boxShadow.matchAll(/(rgba?\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+([\d.]+)px\s+([\d.]+)px/g)) {
      const c = parse(m[1]!);
      if (c && c[3] > 0 && Number(m[5]) > 0) {
        ring.push(c.slice(0, 3) as RGB);
        bands.push(Number(m[5]));
      }
    }
    const behind = [backgroundBehind(el.parentElement)];
    return { what, ring: faded(ring, behind), bandPx: bands.length ? Math.min(...bands) : 0, behind };
  });
}

/** Focus on the document itself, so the next Tab goes to the first stop of the page. */
export async function focusDocumentStart(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const body = document.body;
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute('tabindex');
  });
}

/**
 * Tabs through every focus stop of the page (until focus comes back round), measuring each ring.
 * Fails if focus ever lands on <body> or a stop has no ring.
 */
export async function ringsOnEveryStop(page: Page, maxStops = 120): Promise<FocusRing[]> {
  await focusDocumentStart(page);
  const seen: FocusRing[] = [];
  let first: string | null = null;
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement as (Element & { __stop?: number }) | null;
      if (!el || el === document.body) return null;
      const w = window as unknown as { __stops?: number };
      el.__stop ??= w.__stops = (w.__stops ?? 0) + 1;
      return String(el.__stop);
    });
    if (id === null) continue; // the browser's own stop between the page and its chrome
    if (id === first) break;
    first ??= id;
    const ring = await focusedRing(page);
    expect(ring, `focus stop ${i}`).not.toBeNull();
    seen.push(ring!);
  }
  return seen;
}
