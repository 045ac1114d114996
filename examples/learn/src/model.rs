//! The policy: embedding bags over the encoded observation, a two-layer MLP, 7 action
//! logits; trained by behavioural cloning (cross-entropy on the bot's actions) with AdamW.
//!
//! ```text
//! flat tokens (image cells, mission words) --sum of rows--> h0 ┐
//! text lines: words --sum--> relu --linear--> relu, summed over lines --┘ + b0 -> relu
//!   -> linear H->H -> relu -> linear H->7
//! ```
//!
//! Weights are initialised from a seeded ChaCha stream (candle's own initialisers draw from
//! OS entropy), and minibatches are shuffled from another, so training is reproducible.

use candle_core::{D, DType, Device, Tensor, Var};
use candle_nn::optim::{AdamW, Optimizer, ParamsAdamW};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::LearnError;
use crate::demos::Demo;
use crate::encode::{Batch, LINE_LEN, LINES, Layout, Vocab};
use crate::task::ObsKind;

/// Sizes and training schedule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainConfig {
    /// Hidden width `H`.
    pub hidden: usize,
    /// Line embedding width (text model).
    pub line_dim: usize,
    /// Minibatch size.
    pub batch: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Fewest optimiser steps (small data sets get more passes).
    pub min_steps: usize,
    /// Most optimiser steps (large data sets get fewer passes).
    pub max_steps: usize,
    /// AdamW learning rate.
    pub lr: f64,
    /// AdamW weight decay.
    pub weight_decay: f64,
    /// Seed of the initialisation and shuffling streams.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            hidden: 128,
            line_dim: 64,
            batch: 128,
            epochs: 8,
            min_steps: 300,
            max_steps: 2500,
            lr: 2e-3,
            weight_decay: 1e-4,
            seed: 20,
        }
    }
}

impl TrainConfig {
    /// Optimiser steps for `samples` training samples.
    pub fn steps_for(&self, samples: usize) -> usize {
        (self.epochs * samples)
            .div_ceil(self.batch)
            .clamp(self.min_steps, self.max_steps)
    }
}

/// The trained network with its vocabulary.
#[derive(Debug)]
pub struct Policy {
    /// Input shapes.
    pub layout: Layout,
    /// Word numbering used by the encoder.
    pub vocab: Vocab,
    flat: Var,
    b0: Var,
    line: Option<[Var; 4]>,
    w1: Var,
    b1: Var,
    w2: Var,
    b2: Var,
}

fn uniform(rng: &mut ChaCha8Rng, shape: (usize, usize), scale: f32) -> Result<Var, LearnError> {
    let n = shape.0 * shape.1;
    let data: Vec<f32> = (0..n)
        .map(|_| (rng.random::<f32>() * 2.0 - 1.0) * scale)
        .collect();
    let t = Tensor::from_vec(data, shape, &Device::Cpu)?;
    Ok(Var::from_tensor(&t)?)
}

fn zeros(n: usize) -> Result<Var, LearnError> {
    Ok(Var::zeros(n, DType::F32, &Device::Cpu)?)
}

impl Policy {
    /// A freshly initialised policy for `layout`.
    pub fn new(layout: Layout, vocab: Vocab, cfg: &TrainConfig) -> Result<Policy, LearnError> {
        let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
        let h = cfg.hidden;
        let fan = |n: usize| 1.0 / (n as f32).sqrt();
        let flat = uniform(&mut rng, (layout.flat_rows(), h), fan(layout.flat_len()))?;
        let line = if layout.obs == ObsKind::Text {
            let d = cfg.line_dim;
            Some([
                uniform(&mut rng, (layout.line_rows(), d), fan(LINE_LEN))?,
                zeros(d)?,
                uniform(&mut rng, (d, h), fan(d))?,
                zeros(h)?,
            ])
        } else {
            None
        };
        Ok(Policy {
            layout,
            vocab,
            flat,
            b0: zeros(h)?,
            line,
            w1: uniform(&mut rng, (h, h), fan(h))?,
            b1: zeros(h)?,
            w2: uniform(&mut rng, (h, 7), fan(h))?,
            b2: zeros(7)?,
        })
    }

    fn vars(&self) -> Vec<Var> {
        let mut v = vec![
            self.flat.clone(),
            self.b0.clone(),
            self.w1.clone(),
            self.b1.clone(),
            self.w2.clone(),
            self.b2.clone(),
        ];
        if let Some(l) = &self.line {
            v.extend(l.iter().cloned());
        }
        v
    }

    /// Action logits `[n, 7]` of the samples of `batch`.
    pub fn logits(&self, batch: &Batch) -> Result<Tensor, LearnError> {
        let dev = Device::Cpu;
        let n = batch.len;
        let f = self.layout.flat_len();
        let idx = Tensor::from_slice(&batch.flat, n * f, &dev)?;
        let h = self.flat.dim(1)?;
        let mut h0 = self
            .flat
            .as_tensor()
            .index_select(&idx, 0)?
            .reshape((n, f, h))?
            .sum(1)?;
        if let Some([emb, eb, w, wb]) = &self.line {
            let d = emb.dim(1)?;
            let idx = Tensor::from_slice(&batch.lines, n * LINES * LINE_LEN, &dev)?;
            let mask = Tensor::from_slice(&batch.mask, (n, LINES, 1), &dev)?;
            let lines = emb
                .as_tensor()
                .index_select(&idx, 0)?
                .reshape((n * LINES, LINE_LEN, d))?
                .sum(1)?
                .broadcast_add(eb.as_tensor())?
                .relu()?
                .matmul(w.as_tensor())?
                .broadcast_add(wb.as_tensor())?
                .relu()?
                .reshape((n, LINES, h))?
                .broadcast_mul(&mask)?
                .sum(1)?;
            h0 = (h0 + lines)?;
        }
        let h1 = h0.broadcast_add(self.b0.as_tensor())?.relu()?;
        let h2 = h1
            .matmul(self.w1.as_tensor())?
            .broadcast_add(self.b1.as_tensor())?
            .relu()?;
        Ok(h2
            .matmul(self.w2.as_tensor())?
            .broadcast_add(self.b2.as_tensor())?)
    }

    /// Action probabilities, row-major `[n * 7]`.
    pub fn probs(&self, batch: &Batch) -> Result<Vec<f32>, LearnError> {
        let logits = self.logits(batch)?.detach();
        let p = candle_nn::ops::softmax(&logits, D::Minus1)?;
        Ok(p.flatten_all()?.to_vec1::<f32>()?)
    }
}

/// What training did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainReport {
    /// Training samples (bot steps).
    pub samples: usize,
    /// Optimiser steps taken.
    pub steps: usize,
    /// Mean cross-entropy over the last tenth of the steps.
    pub final_loss: f32,
}

/// Trains a policy on `demos` by behavioural cloning. The vocabulary comes from the demos'
/// missions and texts only.
pub fn train(
    obs: ObsKind,
    demos: &[Demo],
    cfg: &TrainConfig,
) -> Result<(Policy, TrainReport), LearnError> {
    let vocab = Vocab::build(demos.iter().flat_map(|d| {
        std::iter::once(d.mission.as_str()).chain(d.steps.iter().map(|s| s.text.as_str()))
    }));
    let layout = Layout {
        obs,
        vocab: vocab.len(),
    };
    let policy = Policy::new(layout, vocab, cfg)?;
    let mut data = Batch::default();
    let mut actions = Vec::new();
    for d in demos {
        for s in &d.steps {
            data.push(&layout, &policy.vocab, &d.mission, &s.image, &s.text);
            actions.push(u32::from(s.action));
        }
    }
    let samples = data.len;
    if samples == 0 {
        return Err(LearnError::NoDemos("no training samples".to_string()));
    }
    let steps = cfg.steps_for(samples);
    let params = ParamsAdamW {
        lr: cfg.lr,
        weight_decay: cfg.weight_decay,
        ..ParamsAdamW::default()
    };
    let mut opt = AdamW::new(policy.vars(), params)?;
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed ^ 0x5eed_5eed);
    let mut order: Vec<usize> = (0..samples).collect();
    let mut pos = samples; // forces a shuffle first
    let mut mb = Batch::default();
    let mut targets = Vec::with_capacity(cfg.batch);
    let f = layout.flat_len();
    let (mut tail_loss, mut tail_n) = (0.0f32, 0u32);
    for step in 0..steps {
        mb.clear();
        targets.clear();
        while mb.len < cfg.batch.min(samples) {
            if pos == samples {
                for i in (1..samples).rev() {
                    let j = rng.random_range(0..=i);
                    order.swap(i, j);
                }
                pos = 0;
            }
            let i = order[pos];
            pos += 1;
            mb.flat.extend_from_slice(&data.flat[i * f..(i + 1) * f]);
            if obs == ObsKind::Text {
                let l = LINES * LINE_LEN;
                mb.lines.extend_from_slice(&data.lines[i * l..(i + 1) * l]);
                mb.mask
                    .extend_from_slice(&data.mask[i * LINES..(i + 1) * LINES]);
            }
            mb.len += 1;
            targets.push(actions[i]);
        }
        let logits = policy.logits(&mb)?;
        let t = Tensor::from_slice(&targets, targets.len(), &Device::Cpu)?;
        let loss = candle_nn::loss::cross_entropy(&logits, &t)?;
        opt.backward_step(&loss)?;
        if step >= steps - steps.div_ceil(10) {
            tail_loss += loss.to_scalar::<f32>()?;
            tail_n += 1;
        }
    }
    Ok((
        policy,
        TrainReport {
            samples,
            steps,
            final_loss: tail_loss / tail_n.max(1) as f32,
        },
    ))
}
