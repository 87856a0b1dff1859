import { Box, Table, VisuallyHidden } from '@mantine/core';
import type { EChartsOption } from 'echarts';
import { BarChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the chart types Braid draws are registered, which keeps the bundle small. SVG renders crisply,
// prints, and puts no canvas in front of assistive technology.
echarts.use([BarChart, LineChart, PieChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export interface ChartTable {
  /** Column headings of the data table read by screen readers instead of the picture. */
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * An ECharts picture with a text equivalent: the drawing is hidden from assistive technology and the same
 * numbers are given as a visually hidden table, so the chart meets WCAG 1.1.1 without a description by hand.
 */
export function Chart({
  option,
  label,
  table,
  height = 280,
}: {
  option: EChartsOption;
  label: string;
  table: ChartTable;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({ animation: false, ...option });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return (
    <figure style={{ margin: 0 }}>
      <Box ref={ref} h={height} aria-hidden data-chart={label} />
      <VisuallyHidden>
        <Table>
          <caption>{label}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
              <tr key={i}>
                {r.map((v, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={j}>{v ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </figure>
  );
}
