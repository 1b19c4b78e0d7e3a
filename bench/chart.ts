/**
 * The cost-against-size chart: a Vega-Lite spec compiled and rendered to SVG by
 * Vega in Node (View.toSVG, no browser), log scales on both axes.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface ChartPoint {
  articles: number;
  measure: string;
  value: number;
}

export async function costChartSvg(points: ChartPoint[]): Promise<string> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Cost against corpus size (keyword-only, synthetic 10 KB articles)',
    width: 520,
    height: 320,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'articles',
        type: 'quantitative',
        scale: { type: 'log' },
        title: 'articles',
      },
      y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: 'cost' },
      color: { field: 'measure', type: 'nominal', title: null },
    },
    config: { font: 'sans-serif', legend: { orient: 'bottom', columns: 2 } },
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
