// SVG → PNG with resvg (Node only: a native addon).
import { Resvg } from "@resvg/resvg-js";

/** PNG bytes of an SVG, scaled by `zoom` (default 2, for sharp figures in slides and papers). */
export function svgToPng(svg: string, zoom = 2): Buffer {
  const r = new Resvg(svg, { fitTo: { mode: "zoom", value: zoom }, background: "white", font: { loadSystemFonts: true } });
  return r.render().asPng();
}
