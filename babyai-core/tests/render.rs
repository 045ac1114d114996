//! The renderer's tiles against digests of every tile Minigrid 3.2.0 draws (all kinds,
//! colours, door states, agent directions, highlight, at tile sizes 1-16, 24, 32, 48), and
//! what full views and agent views show.

use babyai_core::instr::{Instr, ObjDesc};
use babyai_core::render::{FrameOptions, Renderer, Tile, draw_tile};
use babyai_core::world::{
    COLORS_BY_IDX, Color, Dir, DoorState, Grid, Obj, ObjKind, RoomLayout, World,
};
use babyai_core::{Action, BabyEnv};

/// Lines `tile_size count digest` written by `fixtures/frames/tile_digests.py` from Minigrid.
const DIGESTS: &str = include_str!("fixtures/frames/tile_digests.txt");

fn fnv1a(data: &[u8], mut h: u64) -> u64 {
    for &b in data {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    h
}

/// Every tile in the script's order.
fn all_tiles() -> Vec<Tile> {
    let mut objs = vec![None];
    for kind in [
        ObjKind::Wall,
        ObjKind::Floor,
        ObjKind::Door,
        ObjKind::Key,
        ObjKind::Ball,
        ObjKind::Box,
        ObjKind::Goal,
        ObjKind::Lava,
    ] {
        for color in COLORS_BY_IDX {
            if kind == ObjKind::Door {
                for s in [DoorState::Open, DoorState::Closed, DoorState::Locked] {
                    objs.push(Some((kind, color, s)));
                }
            } else {
                objs.push(Some((kind, color, DoorState::Open)));
            }
        }
    }
    let mut tiles = Vec::new();
    for obj in objs {
        for agent in [
            None,
            Some(Dir::Right),
            Some(Dir::Down),
            Some(Dir::Left),
            Some(Dir::Up),
        ] {
            for highlight in [false, true] {
                tiles.push(Tile {
                    obj,
                    agent,
                    highlight,
                });
            }
        }
    }
    tiles
}

#[test]
fn every_tile_matches_minigrid_at_many_sizes() {
    let tiles = all_tiles();
    let mut sizes = 0;
    for line in DIGESTS.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let ts: u32 = f[0].parse().unwrap();
        assert_eq!(f[1].parse::<usize>().unwrap(), tiles.len());
        let want = u64::from_str_radix(f[2], 16).unwrap();
        let mut h = 0xCBF2_9CE4_8422_2325;
        let mut buf = vec![0u8; (ts * ts * 3) as usize];
        for &t in &tiles {
            draw_tile(t, ts, &mut buf).unwrap();
            h = fnv1a(&buf, h);
        }
        assert_eq!(h, want, "tile size {ts}");
        sizes += 1;
    }
    assert_eq!(sizes, 19);
}

/// A 7x7 room: the agent at (2, 3) facing right, a red ball in front, a locked blue door in
/// the right wall at (6, 3).
fn room() -> BabyEnv {
    let mut g = Grid::new(7, 7);
    g.wall_rect(0, 0, 7, 7);
    g.put_obj(3, 3, Obj::new(ObjKind::Ball, Color::Red));
    g.put_obj(6, 3, Obj::door(Color::Blue, DoorState::Locked));
    let world = World::new(g, RoomLayout::new(7, 1, 1), (2, 3), Dir::Right);
    BabyEnv::new(
        world,
        Instr::go_to(ObjDesc::new(Some(ObjKind::Key), None)),
        Some(100),
    )
}

/// The `ts x ts` tile at cell `(cx, cy)` of a frame `width` pixels wide.
fn cell(frame: &[u8], width: u32, ts: u32, cx: u32, cy: u32) -> Vec<u8> {
    let mut out = Vec::new();
    for r in 0..ts {
        let start = (((cy * ts + r) * width + cx * ts) * 3) as usize;
        out.extend_from_slice(&frame[start..start + (ts * 3) as usize]);
    }
    out
}

fn tile(obj: Option<(ObjKind, Color, DoorState)>, agent: Option<Dir>, highlight: bool) -> Vec<u8> {
    let mut out = vec![0u8; 8 * 8 * 3];
    draw_tile(
        Tile {
            obj,
            agent,
            highlight,
        },
        8,
        &mut out,
    )
    .unwrap();
    out
}

#[test]
fn full_view_is_the_grid_with_the_agent_and_its_view_highlighted() {
    let env = room();
    let mut r = Renderer::new();
    let mut f = Vec::new();
    let (w, h) = r
        .render(env.world(), FrameOptions::full(8, true), &mut f)
        .unwrap();
    assert_eq!((w, h), (56, 56));
    let ball = Some((ObjKind::Ball, Color::Red, DoorState::Open));
    assert_eq!(cell(&f, w, 8, 3, 3), tile(ball, None, true));
    assert_eq!(cell(&f, w, 8, 2, 3), tile(None, Some(Dir::Right), true));
    // Behind the agent: not in its view.
    assert_eq!(cell(&f, w, 8, 1, 3), tile(None, None, false));
    let door = Some((ObjKind::Door, Color::Blue, DoorState::Locked));
    assert_eq!(cell(&f, w, 8, 6, 3), tile(door, None, true));
    // Without highlight nothing is highlighted.
    r.render(env.world(), FrameOptions::full(8, false), &mut f)
        .unwrap();
    assert_eq!(cell(&f, w, 8, 3, 3), tile(ball, None, false));
    assert_eq!(cell(&f, w, 8, 2, 3), tile(None, Some(Dir::Right), false));
}

#[test]
fn carried_object_shows_in_the_agent_view_only() {
    let mut env = room();
    let _ = env.step(Action::Pickup);
    assert!(env.carrying().is_some());
    let mut r = Renderer::new();
    let mut f = Vec::new();
    let (w, _) = r
        .render(env.world(), FrameOptions::full(8, true), &mut f)
        .unwrap();
    assert_eq!(cell(&f, w, 8, 2, 3), tile(None, Some(Dir::Right), true));
    assert_eq!(cell(&f, w, 8, 3, 3), tile(None, None, true));
    let (w, h) = r.render(env.world(), FrameOptions::pov(8), &mut f).unwrap();
    assert_eq!((w, h), (56, 56));
    let ball = Some((ObjKind::Ball, Color::Red, DoorState::Open));
    // The agent always at (3, 6) pointing up, over the carried ball.
    assert_eq!(cell(&f, w, 8, 3, 6), tile(ball, Some(Dir::Up), true));
    // `highlight` is ignored by the agent view.
    let mut g = Vec::new();
    let opts = FrameOptions {
        highlight: false,
        ..FrameOptions::pov(8)
    };
    r.render(env.world(), opts, &mut g).unwrap();
    assert_eq!(f, g);
}

#[test]
fn agent_view_hides_what_is_behind_walls() {
    let mut env = room();
    // Face down: the view's rows reach past the bottom wall, out of the grid.
    let _ = env.step(Action::Right);
    let mut r = Renderer::new();
    let mut f = Vec::new();
    let (w, _) = r.render(env.world(), FrameOptions::pov(8), &mut f).unwrap();
    // The agent at (2, 3) facing down sees the wall three cells ahead (y = 6), in view row
    // 3; the view rows 0..3 lie behind it (off the grid): unseen, plain empty tiles.
    let wall = Some((ObjKind::Wall, Color::Grey, DoorState::Open));
    assert_eq!(cell(&f, w, 8, 3, 3), tile(wall, None, true));
    assert_eq!(cell(&f, w, 8, 3, 1), tile(None, None, false));
    assert_eq!(cell(&f, w, 8, 3, 6), tile(None, Some(Dir::Up), true));
}

#[test]
fn odd_worlds_render_without_panicking() {
    let mut r = Renderer::new();
    let mut f = Vec::new();
    // The agent off the grid: not drawn, nothing highlighted in the grid.
    let mut g = Grid::new(4, 3);
    g.wall_rect(0, 0, 4, 3);
    let w = World::new(g, RoomLayout::new(4, 1, 1), (-5, 100), Dir::Up);
    let (fw, fh) = r.render(&w, FrameOptions::full(4, true), &mut f).unwrap();
    assert_eq!((fw, fh), (16, 12));
    let wall = Some((ObjKind::Wall, Color::Grey, DoorState::Open));
    let plain = {
        let mut out = vec![0u8; 4 * 4 * 3];
        draw_tile(
            Tile {
                obj: wall,
                agent: None,
                highlight: false,
            },
            4,
            &mut out,
        )
        .unwrap();
        out
    };
    assert_eq!(f.len(), 16 * 12 * 3);
    assert_eq!(cell(&f, fw, 4, 3, 2), plain);
    assert!(r.render(&w, FrameOptions::pov(4), &mut f).is_ok());
    // A 1x1 grid and the largest grid at tile size 1.
    let w = World::new(Grid::new(1, 1), RoomLayout::new(1, 1, 1), (0, 0), Dir::Left);
    assert_eq!(
        r.render(&w, FrameOptions::full(1, true), &mut f),
        Ok((1, 1))
    );
    let side = babyai_core::world::MAX_SIDE;
    let w = World::new(
        Grid::new(side, side),
        RoomLayout::new(side as u8, 1, 1),
        (side as i32 - 1, side as i32 - 1),
        Dir::Down,
    );
    assert_eq!(
        r.render(&w, FrameOptions::full(1, true), &mut f),
        Ok((side as u32, side as u32))
    );
}
