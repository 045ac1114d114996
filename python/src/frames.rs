//! Frames from Python: `gridhouse._native.Renderer`, Minigrid 3.2.0's `get_frame` drawn by
//! `babyai_core::render` (byte-identical frames).

use crate::{PyEnv, to_py};
use gridhouse::{FrameOptions, Renderer};
use numpy::{PyArray1, PyArray3, PyArrayMethods};
use pyo3::prelude::*;

/// Draws BabyAI frames, keeping its tile cache between calls (one per env is enough).
#[pyclass(module = "gridhouse._native", name = "Renderer")]
pub(crate) struct PyRenderer {
    renderer: Renderer,
}

#[pymethods]
impl PyRenderer {
    /// A renderer with an empty tile cache.
    #[new]
    fn new() -> Self {
        PyRenderer {
            renderer: Renderer::new(),
        }
    }

    /// Minigrid's `get_frame(highlight, tile_size, agent_pov)` of `env`'s current state: a
    /// new (height, width, 3) uint8 array. The GIL is released while drawing.
    #[pyo3(signature = (env, tile_size=32, highlight=true, agent_pov=false))]
    fn frame<'py>(
        &mut self,
        py: Python<'py>,
        env: PyRef<'py, PyEnv>,
        tile_size: u32,
        highlight: bool,
        agent_pov: bool,
    ) -> PyResult<Bound<'py, PyArray3<u8>>> {
        let babyai = env.babyai()?;
        let options = FrameOptions {
            tile_size,
            highlight,
            agent_pov,
        };
        let renderer = &mut self.renderer;
        let mut out = Vec::new();
        let (w, h) = py
            .detach(|| babyai.render(renderer, options, &mut out))
            .map_err(to_py)?;
        PyArray1::from_vec(py, out).reshape([h as usize, w as usize, 3])
    }
}
