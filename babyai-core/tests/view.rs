//! The egocentric view: layout, visibility, off-grid walls, carried object, options.

use babyai_core::instr::{Instr, ObjDesc};
use babyai_core::view::{OBS_LEN, ViewError, ViewOptions};
use babyai_core::world::{Color, Dir, DoorState, Grid, Obj, ObjKind, RoomLayout, World};
use babyai_core::{Action, BabyEnv};

fn at(img: &[u8], v: usize, x: usize, y: usize) -> [u8; 3] {
    let k = (x * v + y) * 3;
    [img[k], img[k + 1], img[k + 2]]
}

fn env(world: World) -> BabyEnv {
    let instr = Instr::go_to(ObjDesc::new(Some(ObjKind::Ball), None));
    BabyEnv::new(world, instr, Some(100))
}

/// A 9x5 grid: walls around, a vertical wall at x=4 with a door at (4, 2).
fn two_rooms(door: DoorState) -> World {
    let mut g = Grid::new(9, 5);
    g.wall_rect(0, 0, 9, 5);
    g.vert_wall(4, 0, 5);
    g.put_obj(4, 2, Obj::door(Color::Yellow, door));
    g.put_obj(6, 2, Obj::new(ObjKind::Ball, Color::Red));
    g.put_obj(2, 1, Obj::new(ObjKind::Key, Color::Green));
    World::new(g, RoomLayout::new(5, 1, 2), (2, 2), Dir::Right)
}

#[test]
fn closed_doors_hide_what_is_behind_open_ones_do_not() {
    let mut img = [0u8; OBS_LEN];
    let e = env(two_rooms(DoorState::Closed));
    e.observe(&mut img);
    // Facing right from (2, 2): view (3, 6 - k) is k cells ahead.
    assert_eq!(at(&img, 7, 3, 6), [1, 0, 0]);
    assert_eq!(
        at(&img, 7, 3, 4),
        [4, 4, 1],
        "the closed door itself is visible"
    );
    assert_eq!(at(&img, 7, 3, 2), [0, 0, 0], "the ball behind it is not");
    // Left of the agent is -y: the key at (2, 1) is at view (2, 6).
    assert_eq!(at(&img, 7, 2, 6), [5, 1, 0]);
    let e = env(two_rooms(DoorState::Open));
    e.observe(&mut img);
    assert_eq!(at(&img, 7, 3, 4), [4, 4, 0]);
    assert_eq!(at(&img, 7, 3, 2), [6, 0, 0]);
}

#[test]
fn off_grid_cells_are_walls_and_the_carried_object_is_drawn_at_the_agent() {
    let mut w = two_rooms(DoorState::Closed);
    w.agent_pos = (1, 1);
    w.agent_dir = Dir::Up;
    w.carrying = Some(w.grid.add_obj(Obj::new(ObjKind::Box, Color::Purple)));
    let e = env(w);
    let mut img = [0u8; OBS_LEN];
    e.observe(&mut img);
    assert_eq!(
        at(&img, 7, 3, 6),
        [7, 3, 0],
        "carried box at the agent cell"
    );
    assert_eq!(at(&img, 7, 3, 5), [2, 5, 0], "the border wall ahead");
    assert_eq!(at(&img, 7, 3, 4), [0, 0, 0], "hidden behind it");
    let mut all = [0u8; OBS_LEN];
    e.observe_with(
        ViewOptions {
            size: 7,
            see_through_walls: true,
        },
        &mut all,
    )
    .unwrap();
    assert_eq!(at(&all, 7, 3, 4), [2, 5, 0], "off-grid reads as wall");
    assert_eq!(at(&all, 7, 0, 0), [2, 5, 0]);
}

#[test]
fn observe_with_the_default_options_equals_observe_for_every_pose() {
    let mut a = [0u8; OBS_LEN];
    let mut b = [0u8; OBS_LEN];
    for x in 1..8 {
        for y in 1..4 {
            for d in 0..4 {
                let mut w = two_rooms(DoorState::Open);
                if w.grid.obj_at(x, y).is_some() || x == 4 {
                    continue;
                }
                w.agent_pos = (x, y);
                w.agent_dir = Dir::from_idx(d);
                let e = env(w);
                e.observe(&mut a);
                e.observe_with(ViewOptions::default(), &mut b).unwrap();
                assert_eq!(a, b);
            }
        }
    }
}

#[test]
fn other_view_sizes_share_the_agent_centred_layout() {
    let e = env(two_rooms(DoorState::Open));
    let mut v5 = [0u8; 5 * 5 * 3];
    e.observe_with(
        ViewOptions {
            size: 5,
            see_through_walls: false,
        },
        &mut v5,
    )
    .unwrap();
    assert_eq!(at(&v5, 5, 2, 4), [1, 0, 0], "agent cell");
    assert_eq!(at(&v5, 5, 2, 2), [4, 4, 0], "the door two ahead");
    assert_eq!(at(&v5, 5, 1, 4), [5, 1, 0], "the key on the left");
    let mut buf = [0u8; 12];
    let bad = ViewOptions {
        size: 4,
        see_through_walls: false,
    };
    assert_eq!(e.observe_with(bad, &mut buf), Err(ViewError::BadSize(4)));
    assert!(matches!(
        e.observe_with(ViewOptions::default(), &mut buf),
        Err(ViewError::BadBuffer { .. })
    ));
}

#[test]
fn turning_rotates_the_view() {
    let mut e = env(two_rooms(DoorState::Open));
    let _ = e.step(Action::Left); // facing up: the key at (2, 1) is straight ahead
    let mut img = [0u8; OBS_LEN];
    e.observe(&mut img);
    assert_eq!(at(&img, 7, 3, 5), [5, 1, 0]);
}
