//! A small line chart drawn in SVG: one or two series over the same time axis,
//! scaled to the largest value shown, with that value as the axis label.

use yew::prelude::*;

/// One line of a chart.
#[derive(Clone, PartialEq)]
pub struct Series {
    /// Its name in the legend.
    pub name: AttrValue,
    /// Its CSS colour.
    pub color: AttrValue,
    /// Its values, oldest first.
    pub values: Vec<f64>,
}

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// For tests and the page's layout.
    pub id: AttrValue,
    /// The title above the chart.
    pub title: AttrValue,
    /// The lines.
    pub series: Vec<Series>,
    /// What the numbers are (`msgs/s`).
    pub unit: AttrValue,
}

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 90.0;

/// The polyline points of `values` in a `WIDTH` × `HEIGHT` box scaled to `max`.
fn points(values: &[f64], max: f64) -> String {
    let step = if values.len() > 1 {
        WIDTH / (values.len() - 1) as f64
    } else {
        0.0
    };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", i as f64 * step, HEIGHT - v / max * HEIGHT))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A line chart.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let max = props
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0_f64, f64::max);
    let scale = if max > 0.0 { max } else { 1.0 };
    let latest = |s: &Series| s.values.last().copied().unwrap_or(0.0);
    html! {
        <figure class="chart" id={props.id.clone()}>
            <figcaption>
                <strong>{props.title.clone()}</strong>
                { for props.series.iter().map(|s| html! {
                    <span class="legend" style={format!("color: {}", s.color)}>
                        {format!(" {} {} {}", s.name, format_value(latest(s)), props.unit)}
                    </span>
                }) }
            </figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" role="img"
                 aria-label={props.title.clone()}>
                <line x1="0" y1={HEIGHT.to_string()} x2={WIDTH.to_string()} y2={HEIGHT.to_string()} class="axis" />
                { for props.series.iter().map(|s| html! {
                    <polyline fill="none" stroke={s.color.clone()} stroke-width="2"
                              points={points(&s.values, scale)} />
                }) }
            </svg>
            <div class="chart-scale muted">{format!("max {} {}", format_value(max), props.unit)}</div>
        </figure>
    }
}

/// A figure for people: whole numbers as such, no decimals from 10 up.
fn format_value(v: f64) -> String {
    if v >= 10.0 || v.fract() == 0.0 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}
