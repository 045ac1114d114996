//! Picture files from RGB frames (`babyai_core::render`'s output, 3 bytes a pixel, rows
//! from the top): a PNG for one frame, an animated GIF for an episode. The encoding is done
//! by the `png` and `gif` crates.
//!
//! GIF frames hold at most 256 colours: a frame with no more than 256 distinct colours is
//! stored exactly (Minigrid's frames use a few dozen: a BossLevel full view at 32 px, 64);
//! one with more is quantised by the `gif` crate (NeuQuant), so its colours are close, not
//! exact. PNGs are always exact.

use std::fmt;

/// Why a picture was not written.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameError {
    /// Width or height is 0, or too large for the format (GIF: 65,535).
    BadSize {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// A frame is not `width * height * 3` bytes long.
    BadBuffer {
        /// Which frame (0 for a PNG).
        frame: usize,
        /// Bytes needed.
        expected: usize,
        /// Bytes given.
        got: usize,
    },
    /// An animation without frames.
    NoFrames,
    /// The encoder failed (its message).
    Encode(String),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::BadSize { width, height } => {
                write!(f, "a {width}x{height} picture cannot be written")
            }
            FrameError::BadBuffer {
                frame,
                expected,
                got,
            } => write!(f, "frame {frame} has {got} bytes, expected {expected}"),
            FrameError::NoFrames => f.write_str("an animation needs at least one frame"),
            FrameError::Encode(e) => write!(f, "encoding failed: {e}"),
        }
    }
}

impl std::error::Error for FrameError {}

/// Bytes of one RGB frame, or the error for a size that cannot be a picture.
fn frame_bytes(width: u32, height: u32, max_side: u32) -> Result<usize, FrameError> {
    if width == 0 || height == 0 || width > max_side || height > max_side {
        return Err(FrameError::BadSize { width, height });
    }
    Ok(width as usize * height as usize * 3)
}

fn check_len(frame: usize, rgb: &[u8], expected: usize) -> Result<(), FrameError> {
    if rgb.len() != expected {
        return Err(FrameError::BadBuffer {
            frame,
            expected,
            got: rgb.len(),
        });
    }
    Ok(())
}

/// Largest PNG side accepted (the PNG format allows 2^31 - 1).
pub const MAX_PNG_SIDE: u32 = 1 << 16;

/// Largest GIF side (the format stores 16-bit sizes).
pub const MAX_GIF_SIDE: u32 = u16::MAX as u32;

/// One RGB frame (`width * height * 3` bytes) as an 8-bit RGB PNG file.
pub fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, FrameError> {
    let len = frame_bytes(width, height, MAX_PNG_SIDE)?;
    check_len(0, rgb, len)?;
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let err = |e: png::EncodingError| FrameError::Encode(e.to_string());
    let mut writer = enc.write_header().map_err(err)?;
    writer.write_image_data(rgb).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}

/// An animated GIF being written frame by frame (looping forever), so an episode's frames
/// need not all be held at once.
pub struct GifWriter {
    encoder: gif::Encoder<Vec<u8>>,
    width: u16,
    height: u16,
    len: usize,
    delay_cs: u16,
    frames: usize,
}

impl fmt::Debug for GifWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GifWriter")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("delay_cs", &self.delay_cs)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

fn gif_err(e: gif::EncodingError) -> FrameError {
    FrameError::Encode(e.to_string())
}

impl GifWriter {
    /// A GIF of `width x height` frames, each shown for `delay_cs` hundredths of a second.
    pub fn new(width: u32, height: u32, delay_cs: u16) -> Result<GifWriter, FrameError> {
        let len = frame_bytes(width, height, MAX_GIF_SIDE)?;
        let (w, h) = (width as u16, height as u16);
        let mut encoder = gif::Encoder::new(Vec::new(), w, h, &[]).map_err(gif_err)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(gif_err)?;
        Ok(GifWriter {
            encoder,
            width: w,
            height: h,
            len,
            delay_cs,
            frames: 0,
        })
    }

    /// Appends one RGB frame (`width * height * 3` bytes).
    pub fn push(&mut self, rgb: &[u8]) -> Result<(), FrameError> {
        check_len(self.frames, rgb, self.len)?;
        // Speed 10: the gif crate's default trade-off, used only above 256 colours.
        let mut frame = gif::Frame::from_rgb_speed(self.width, self.height, rgb, 10);
        frame.delay = self.delay_cs;
        self.encoder.write_frame(&frame).map_err(gif_err)?;
        self.frames += 1;
        Ok(())
    }

    /// Frames pushed so far.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// The finished GIF file.
    pub fn finish(self) -> Result<Vec<u8>, FrameError> {
        if self.frames == 0 {
            return Err(FrameError::NoFrames);
        }
        self.encoder.into_inner().map_err(gif_err)
    }
}

/// An episode's RGB frames (each `width * height * 3` bytes) as an animated GIF that loops
/// forever, each frame shown for `delay_cs` hundredths of a second.
pub fn encode_gif<F: AsRef<[u8]>>(
    frames: impl IntoIterator<Item = F>,
    width: u32,
    height: u32,
    delay_cs: u16,
) -> Result<Vec<u8>, FrameError> {
    let mut w = GifWriter::new(width, height, delay_cs)?;
    for f in frames {
        w.push(f.as_ref())?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use babyai_core::render::{FrameOptions, Renderer};

    fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    /// Every frame of a GIF as RGB, with its delay.
    fn decode_gif(bytes: &[u8]) -> (u16, u16, Vec<(u16, Vec<u8>)>) {
        let mut opts = gif::DecodeOptions::new();
        opts.set_color_output(gif::ColorOutput::RGBA);
        let mut d = opts.read_info(bytes).unwrap();
        let (w, h) = (d.width(), d.height());
        let mut frames = Vec::new();
        while let Some(f) = d.read_next_frame().unwrap() {
            assert_eq!((f.width, f.height, f.left, f.top), (w, h, 0, 0));
            let rgb = f
                .buffer
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            frames.push((f.delay, rgb));
        }
        (w, h, frames)
    }

    /// A BabyAI episode's frames: `(width, height, frames)`.
    fn episode(opts: FrameOptions, steps: usize) -> (u32, u32, Vec<Vec<u8>>) {
        let mut env = babyai_core::make("BabyAI-GoToLocal-v0").unwrap();
        env.reset(4);
        let mut r = Renderer::new();
        let mut frames = Vec::new();
        let mut size = (0, 0);
        for i in 0..steps {
            let mut f = Vec::new();
            size = r.render(env.env().world(), opts, &mut f).unwrap();
            frames.push(f);
            let a = babyai_core::ACTIONS[[0, 2, 2, 1, 2][i % 5]];
            let _ = env.step(a);
        }
        (size.0, size.1, frames)
    }

    #[test]
    fn png_decodes_to_the_same_pixels() {
        let (w, h, frames) = episode(FrameOptions::default(), 1);
        let png = encode_png(&frames[0], w, h).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(decode_png(&png), (w, h, frames[0].clone()));
        // A non-square picture keeps its orientation.
        let rgb: Vec<u8> = (0..3 * 5 * 3).map(|i| i as u8).collect();
        assert_eq!(decode_png(&encode_png(&rgb, 3, 5).unwrap()), (3, 5, rgb));
    }

    #[test]
    fn gif_of_an_episode_decodes_to_the_same_frames() {
        // The agent's view at 16 px has few colours: stored exactly.
        let (w, h, frames) = episode(FrameOptions::pov(16), 6);
        let gif = encode_gif(&frames, w, h, 25).unwrap();
        assert_eq!(&gif[..6], b"GIF89a");
        let (gw, gh, got) = decode_gif(&gif);
        assert_eq!((u32::from(gw), u32::from(gh)), (w, h));
        assert_eq!(got.len(), frames.len());
        for (i, ((delay, rgb), want)) in got.iter().zip(&frames).enumerate() {
            assert_eq!(*delay, 25);
            assert_eq!(rgb, want, "frame {i}");
        }
        assert_ne!(frames[0], frames[1], "the episode moves");
        // An iterator of frames works as well as a slice, and the writer agrees.
        let again = encode_gif(frames.iter().map(Vec::as_slice), w, h, 25).unwrap();
        assert_eq!(again, gif);
        let mut writer = GifWriter::new(w, h, 25).unwrap();
        for f in &frames {
            writer.push(f).unwrap();
        }
        assert_eq!(writer.frames(), 6);
        assert_eq!(writer.finish().unwrap(), gif);
    }

    #[test]
    fn gif_of_full_views_is_exact_and_many_colours_are_close() {
        // Minigrid frames use few colours (a 32 px full view: about 40-70): exact.
        let (w, h, frames) = episode(FrameOptions::default(), 2);
        let (_, _, got) = decode_gif(&encode_gif(&frames, w, h, 10).unwrap());
        assert_eq!(got.len(), 2);
        for ((_, rgb), want) in got.iter().zip(&frames) {
            assert_eq!(rgb, want);
        }
        // A gradient of 4096 colours is quantised: each channel near, not exact.
        let rgb: Vec<u8> = (0..64u32 * 64)
            .flat_map(|i| [(i % 64 * 4) as u8, (i / 64 * 4) as u8, 128])
            .collect();
        let (_, _, got) = decode_gif(&encode_gif([&rgb], 64, 64, 10).unwrap());
        let worst = got[0]
            .1
            .iter()
            .zip(&rgb)
            .map(|(a, b)| a.abs_diff(*b))
            .max()
            .unwrap();
        assert!(worst <= 64, "worst channel error {worst}");
        assert_ne!(got[0].1, rgb);
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        assert_eq!(
            encode_png(&[], 0, 4),
            Err(FrameError::BadSize {
                width: 0,
                height: 4
            })
        );
        assert_eq!(
            encode_png(&[0; 10], 2, 2),
            Err(FrameError::BadBuffer {
                frame: 0,
                expected: 12,
                got: 10
            })
        );
        assert_eq!(
            encode_gif(Vec::<Vec<u8>>::new(), 2, 2, 5),
            Err(FrameError::NoFrames)
        );
        assert_eq!(
            encode_gif([vec![0u8; 12], vec![0u8; 11]], 2, 2, 5),
            Err(FrameError::BadBuffer {
                frame: 1,
                expected: 12,
                got: 11
            })
        );
        assert!(matches!(
            GifWriter::new(70_000, 2, 5),
            Err(FrameError::BadSize { .. })
        ));
        assert!(
            FrameError::NoFrames
                .to_string()
                .contains("at least one frame")
        );
    }
}
