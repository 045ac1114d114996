//! The figure: one panel per task, success against demonstrations (log scale) with 95%
//! Wilson intervals and the random policy as a dashed line. Text is drawn with the
//! Ubuntu-Light font that `epaint_default_fonts` ships, so no system font is needed.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::LearnError;
use crate::curve::TaskCurve;

fn err(e: impl std::fmt::Display) -> LearnError {
    LearnError::Plot(e.to_string())
}

/// Draws `curves` (at most 7; the eighth panel holds the legend) into a PNG at `out`.
pub fn draw(curves: &[TaskCurve], out: &Path, subtitle: &str) -> Result<(), LearnError> {
    // Registering twice (a second figure in one process) is harmless.
    let _ = plotters::style::register_font(
        "sans-serif",
        FontStyle::Normal,
        epaint_default_fonts::UBUNTU_LIGHT,
    );
    let root = BitMapBackend::new(out, (1600, 880)).into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let root = root.margin(8, 0, 0, 0);
    let root = root
        .titled(
            "Imitation learning from Gridhouse's bot: held-out success vs demonstrations",
            ("sans-serif", 28),
        )
        .map_err(err)?;
    let panels = root.split_evenly((2, 4));
    let max_demos = curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.demos))
        .max()
        .unwrap_or(10) as f64;
    let min_demos = curves
        .iter()
        .flat_map(|c| c.points.iter().map(|p| p.demos))
        .min()
        .unwrap_or(1)
        .max(1) as f64;
    let blue = RGBColor(31, 90, 180);
    let grey = RGBColor(150, 40, 40);
    for (panel, c) in panels.iter().zip(curves.iter().take(7)) {
        let title = format!("{} ({:?})", c.task.label(), c.task.obs);
        let mut chart = ChartBuilder::on(panel)
            .caption(title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(48)
            .build_cartesian_2d((min_demos / 2.0..max_demos * 2.0).log_scale(), 0f64..1.02)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("demonstrations")
            .y_desc("success")
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 15))
            .x_label_formatter(&|x| format!("{x:.0}"))
            .draw()
            .map_err(err)?;
        let r = c.random.rate();
        chart
            .draw_series(DashedLineSeries::new(
                vec![(min_demos / 2.0, r), (max_demos * 2.0, r)],
                8,
                6,
                grey.stroke_width(2),
            ))
            .map_err(err)?;
        let pts: Vec<(f64, f64)> = c
            .points
            .iter()
            .map(|p| (p.demos as f64, p.success.rate()))
            .collect();
        chart
            .draw_series(LineSeries::new(pts.clone(), blue.stroke_width(2)))
            .map_err(err)?;
        chart
            .draw_series(c.points.iter().map(|p| {
                let (lo, hi) = p.success.wilson95();
                ErrorBar::new_vertical(
                    p.demos as f64,
                    lo,
                    p.success.rate(),
                    hi,
                    blue.stroke_width(2),
                    10,
                )
            }))
            .map_err(err)?;
        chart
            .draw_series(
                pts.iter()
                    .map(|&(x, y)| Circle::new((x, y), 4, blue.filled())),
            )
            .map_err(err)?;
    }
    if let Some(legend) = panels.get(7) {
        let style = ("sans-serif", 17).into_font();
        let entries = [
            (
                "trained policy (bot demos, behavioural cloning)",
                blue,
                false,
            ),
            ("95% Wilson interval, held-out episodes", blue, true),
            ("uniformly random policy, same held-out seeds", grey, false),
        ];
        for (i, (text, colour, bar)) in entries.iter().enumerate() {
            let y = 40 + 30 * i as i32;
            if *bar {
                legend
                    .draw(&PathElement::new(
                        vec![(30, y - 9), (30, y + 9)],
                        colour.stroke_width(2),
                    ))
                    .map_err(err)?;
                for dy in [-9, 9] {
                    legend
                        .draw(&PathElement::new(
                            vec![(25, y + dy), (35, y + dy)],
                            colour.stroke_width(2),
                        ))
                        .map_err(err)?;
                }
            } else if i == 2 {
                for x0 in [10, 26, 42] {
                    legend
                        .draw(&PathElement::new(
                            vec![(x0, y), (x0 + 9, y)],
                            colour.stroke_width(2),
                        ))
                        .map_err(err)?;
                }
            } else {
                legend
                    .draw(&PathElement::new(
                        vec![(10, y), (50, y)],
                        colour.stroke_width(2),
                    ))
                    .map_err(err)?;
                legend
                    .draw(&Circle::new((30, y), 4, colour.filled()))
                    .map_err(err)?;
            }
            legend
                .draw(&Text::new(*text, (60, y - 9), style.color(colour)))
                .map_err(err)?;
        }
        for (i, text) in subtitle.lines().enumerate() {
            legend
                .draw(&Text::new(
                    text,
                    (10, 150 + 24 * i as i32),
                    style.color(&BLACK),
                ))
                .map_err(err)?;
        }
    }
    root.present().map_err(err)?;
    Ok(())
}
