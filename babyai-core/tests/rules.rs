//! One test per Minigrid/BabyAI rule, on small hand-built worlds.

use babyai_core::instr::{Instr, ObjDesc};
use babyai_core::world::{
    Cell, Color, Dir, DoorState, Grid, Obj, ObjId, ObjKind, RoomLayout, World,
};
use babyai_core::{Action, BabyEnv, InvalidAction};

/// A walled `n x n` single room with the agent at `pos` facing `dir`.
fn room(n: i32, pos: (i32, i32), dir: Dir) -> World {
    let mut grid = Grid::new(n as usize, n as usize);
    grid.wall_rect(0, 0, n, n);
    World::new(grid, RoomLayout::new(n as u8, 1, 1), pos, dir)
}

fn desc(kind: ObjKind, color: Color) -> ObjDesc {
    ObjDesc::new(Some(kind), Some(color))
}

/// An env whose mission can never be completed (go to a purple key not on the grid
/// would not bind; use a far-away grey ball in the corner).
fn env_with(mut world: World, max_steps: u32) -> BabyEnv {
    let n = world.grid.width();
    world
        .grid
        .put_obj(n - 2, n - 2, Obj::new(ObjKind::Ball, Color::Grey));
    let instr = Instr::go_to(desc(ObjKind::Ball, Color::Grey));
    BabyEnv::new(world, instr, Some(max_steps))
}

#[test]
fn actions_convert_from_u8_and_reject_out_of_range() {
    for i in 0..7u8 {
        assert_eq!(Action::try_from(i).unwrap() as u8, i);
    }
    assert_eq!(Action::try_from(7), Err(InvalidAction(7)));
    assert_eq!(Action::try_from(255), Err(InvalidAction(255)));
}

#[test]
fn turning_changes_only_the_direction() {
    let mut env = env_with(room(7, (2, 2), Dir::Right), 100);
    let _ = env.step(Action::Left);
    assert_eq!(env.agent_dir(), Dir::Up);
    let _ = env.step(Action::Right);
    let _ = env.step(Action::Right);
    assert_eq!(env.agent_dir(), Dir::Down);
    assert_eq!(env.agent_pos(), (2, 2));
}

#[test]
fn forward_moves_into_empty_cells_and_open_doors_only() {
    let mut w = room(7, (1, 1), Dir::Right);
    w.grid
        .put_obj(3, 1, Obj::door(Color::Red, DoorState::Closed));
    let mut env = env_with(w, 100);
    let _ = env.step(Action::Forward);
    assert_eq!(env.agent_pos(), (2, 1));
    let _ = env.step(Action::Forward); // closed door blocks
    assert_eq!(env.agent_pos(), (2, 1));
    let _ = env.step(Action::Toggle);
    let _ = env.step(Action::Forward); // open door can be stood on
    assert_eq!(env.agent_pos(), (3, 1));
    let _ = env.step(Action::Left);
    let _ = env.step(Action::Forward); // wall blocks
    assert_eq!(env.agent_pos(), (3, 1));
}

#[test]
fn objects_block_movement() {
    let mut w = room(7, (1, 1), Dir::Right);
    w.grid.put_obj(2, 1, Obj::new(ObjKind::Key, Color::Blue));
    let mut env = env_with(w, 100);
    let _ = env.step(Action::Forward);
    assert_eq!(env.agent_pos(), (1, 1));
}

#[test]
fn pickup_takes_carriable_objects_with_empty_hands_only() {
    let mut w = room(7, (1, 1), Dir::Right);
    let key = w.grid.put_obj(2, 1, Obj::new(ObjKind::Key, Color::Blue));
    w.grid.put_obj(1, 2, Obj::new(ObjKind::Ball, Color::Red));
    w.grid
        .put_obj(1, 0, Obj::door(Color::Red, DoorState::Closed));
    let mut env = env_with(w, 100);
    let _ = env.step(Action::Pickup);
    assert_eq!(env.world().carrying, Some(key));
    assert_eq!(env.world().grid.get(2, 1), Cell::Empty);
    assert_eq!(env.world().grid.obj(key).cur_pos, (-1, -1));
    let _ = env.step(Action::Right);
    let _ = env.step(Action::Pickup); // hands full: the ball stays
    assert!(matches!(env.world().grid.get(1, 2), Cell::Obj(_)));
    assert_eq!(env.world().carrying, Some(key));
    let _ = env.step(Action::Drop); // cell not empty: nothing happens
    assert_eq!(env.world().carrying, Some(key));
    let _ = env.step(Action::Left);
    let _ = env.step(Action::Left);
    let _ = env.step(Action::Drop); // onto the (closed) door cell: refused
    assert_eq!(env.world().carrying, Some(key));
    let _ = env.step(Action::Right);
    let _ = env.step(Action::Drop); // empty cell: dropped, cur_pos refreshed
    assert_eq!(env.world().carrying, None);
    assert_eq!(env.world().grid.get(2, 1), Cell::Obj(key));
    assert_eq!(env.world().grid.obj(key).cur_pos, (2, 1));
}

#[test]
fn doors_cannot_be_picked_up_and_drop_refuses_open_doors() {
    let mut w = room(7, (1, 1), Dir::Right);
    let door = w.grid.put_obj(2, 1, Obj::door(Color::Red, DoorState::Open));
    w.carrying = Some(w.grid.add_obj(Obj::new(ObjKind::Ball, Color::Blue)));
    let mut env = env_with(w, 100);
    let _ = env.step(Action::Drop);
    assert!(env.carrying().is_some());
    assert_eq!(env.world().grid.get(2, 1), Cell::Obj(door));
    env.world_mut().carrying = None;
    let _ = env.step(Action::Pickup);
    assert!(env.carrying().is_none());
}

#[test]
fn toggle_flips_doors_and_unlocks_with_a_same_colour_key_kept() {
    let mut w = room(7, (1, 1), Dir::Right);
    let door = w
        .grid
        .put_obj(2, 1, Obj::door(Color::Red, DoorState::Locked));
    let blue_key = w.grid.add_obj(Obj::new(ObjKind::Key, Color::Blue));
    let red_key = w.grid.add_obj(Obj::new(ObjKind::Key, Color::Red));
    let mut env = env_with(w, 100);
    let _ = env.step(Action::Toggle); // no key
    assert_eq!(env.world().grid.obj(door).door, DoorState::Locked);
    env.world_mut().carrying = Some(blue_key);
    let _ = env.step(Action::Toggle); // wrong colour
    assert_eq!(env.world().grid.obj(door).door, DoorState::Locked);
    env.world_mut().carrying = Some(red_key);
    let _ = env.step(Action::Toggle); // unlocked and opened, key kept
    assert_eq!(env.world().grid.obj(door).door, DoorState::Open);
    assert_eq!(env.world().carrying, Some(red_key));
    let _ = env.step(Action::Toggle); // closes, never relocks
    assert_eq!(env.world().grid.obj(door).door, DoorState::Closed);
    env.world_mut().carrying = None;
    let _ = env.step(Action::Toggle);
    assert_eq!(env.world().grid.obj(door).door, DoorState::Open);
}

#[test]
fn toggling_a_box_replaces_it_by_its_contents_or_nothing() {
    let mut w = room(7, (1, 1), Dir::Right);
    let key = w.grid.add_obj(Obj::new(ObjKind::Key, Color::Green));
    let full = w.grid.put_obj(2, 1, Obj::new(ObjKind::Box, Color::Yellow));
    w.grid.obj_mut(full).contains = Some(key);
    w.grid.put_obj(1, 2, Obj::new(ObjKind::Box, Color::Purple));
    let mut env = env_with(w, 100);
    let _ = env.step(Action::Toggle);
    assert_eq!(env.world().grid.get(2, 1), Cell::Obj(key));
    let _ = env.step(Action::Right);
    let _ = env.step(Action::Toggle);
    assert_eq!(env.world().grid.get(1, 2), Cell::Empty);
}

#[test]
fn goal_and_lava_terminate_on_entry() {
    let mut w = room(7, (1, 1), Dir::Right);
    w.grid.put_obj(2, 1, Obj::new(ObjKind::Goal, Color::Green));
    w.grid.put_obj(1, 2, Obj::new(ObjKind::Lava, Color::Red));
    let mut env = env_with(w, 10);
    let mut lava = env.clone();
    let s = env.step(Action::Forward);
    assert!(s.terminated && (s.reward - (1.0 - 0.9 * 0.1)).abs() < 1e-12);
    let _ = lava.step(Action::Right);
    let s = lava.step(Action::Forward);
    assert!(s.terminated && s.reward == 0.0);
    assert_eq!(lava.agent_pos(), (1, 2));
}

#[test]
fn done_is_a_no_op_and_truncation_comes_at_max_steps() {
    let mut env = env_with(room(7, (1, 1), Dir::Right), 3);
    let before = env.world().clone();
    assert!(!env.step(Action::Done).truncated);
    assert!(!env.step(Action::Done).truncated);
    assert_eq!(env.world(), &before);
    let s = env.step(Action::Done);
    assert!(s.truncated && !s.terminated);
    // Stepping on after the end is allowed.
    assert!(env.step(Action::Left).truncated);
    assert_eq!(env.step_count(), 4);
}

#[test]
fn go_to_succeeds_after_any_action_facing_a_match_with_the_reward_formula() {
    let mut w = room(7, (1, 1), Dir::Down);
    w.grid.put_obj(2, 1, Obj::new(ObjKind::Ball, Color::Red));
    let mut env = BabyEnv::new(w, Instr::go_to(desc(ObjKind::Ball, Color::Red)), None);
    assert_eq!(env.mission(), "go to the red ball");
    assert_eq!(env.max_steps(), 49);
    assert!(!env.step(Action::Done).terminated);
    let s = env.step(Action::Left); // now facing the ball: success on a turn
    assert!(s.terminated && !s.truncated);
    assert_eq!(s.reward, 1.0 - 0.9 * (2.0 / 49.0));
}

#[test]
fn success_and_truncation_can_coincide() {
    let mut w = room(7, (1, 1), Dir::Down);
    w.grid.put_obj(2, 1, Obj::new(ObjKind::Ball, Color::Red));
    let mut env = BabyEnv::new(w, Instr::go_to(desc(ObjKind::Ball, Color::Red)), Some(1));
    let s = env.step(Action::Left);
    assert!(s.terminated && s.truncated);
    assert!((s.reward - 0.1).abs() < 1e-12);
}

#[test]
fn articles_follow_the_number_of_matches() {
    let mut w = room(7, (1, 1), Dir::Down);
    w.grid.put_obj(3, 3, Obj::new(ObjKind::Ball, Color::Red));
    w.grid.put_obj(4, 4, Obj::new(ObjKind::Ball, Color::Red));
    w.grid.put_obj(5, 5, Obj::new(ObjKind::Key, Color::Blue));
    let instr = Instr::before(
        Instr::go_to(desc(ObjKind::Ball, Color::Red)),
        Instr::pickup(ObjDesc::new(None, Some(Color::Blue))),
    );
    assert_eq!(
        instr.surface(&w),
        "go to a red ball, then pick up the blue object"
    );
    // "object" also matches walls: grey ones make "a grey object".
    let grey = Instr::pickup(ObjDesc::new(None, Some(Color::Grey)));
    assert_eq!(grey.surface(&w), "pick up a grey object");
}

#[test]
fn location_descriptions_are_half_planes_in_the_agent_room() {
    use babyai_core::instr::Loc;
    // Agent at (3, 3) facing right; front is +x, right is +y.
    let mut w = room(7, (3, 3), Dir::Right);
    let front_right = w.grid.put_obj(5, 5, Obj::new(ObjKind::Ball, Color::Red));
    let behind_left = w.grid.put_obj(1, 1, Obj::new(ObjKind::Ball, Color::Red));
    let d = |loc| desc(ObjKind::Ball, Color::Red).with_loc(Some(loc));
    let ids = |loc| {
        d(loc)
            .find_matching(&w)
            .set
            .iter()
            .map(|t| match t {
                babyai_core::instr::Target::Obj(id) => *id,
                babyai_core::instr::Target::Wall(..) => ObjId(255),
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(Loc::Front), vec![front_right]);
    assert_eq!(ids(Loc::Right), vec![front_right]);
    assert_eq!(ids(Loc::Behind), vec![behind_left]);
    assert_eq!(ids(Loc::Left), vec![behind_left]);
    assert_eq!(
        Instr::go_to(d(Loc::Front)).surface(&w),
        "go to the red ball in front of you"
    );
}

#[test]
fn open_succeeds_only_when_toggling_a_matching_door_open() {
    let mut w = room(7, (1, 1), Dir::Right);
    let door = w.grid.put_obj(2, 1, Obj::door(Color::Red, DoorState::Open));
    let instr = Instr::open(desc(ObjKind::Door, Color::Red));
    let mut env = BabyEnv::new(w.clone(), instr.clone(), None);
    // Already open: toggling closes it and does not succeed; toggling again does.
    assert!(!env.step(Action::Toggle).terminated);
    assert_eq!(env.world().grid.obj(door).door, DoorState::Closed);
    assert!(env.step(Action::Toggle).terminated);
    // Strict: toggling another door fails.
    w.grid.obj_mut(door).color = Color::Blue;
    w.grid
        .put_obj(5, 5, Obj::door(Color::Red, DoorState::Closed));
    let mut env = BabyEnv::new(w, instr.with_strict(true), None);
    let s = env.step(Action::Toggle);
    assert!(s.terminated && s.reward == 0.0);
}

#[test]
fn pickup_needs_empty_hands_before_and_strict_fails_on_the_wrong_object() {
    let mut w = room(7, (1, 1), Dir::Right);
    w.grid.put_obj(2, 1, Obj::new(ObjKind::Key, Color::Blue));
    w.grid.put_obj(1, 2, Obj::new(ObjKind::Ball, Color::Red));
    let instr = Instr::pickup(desc(ObjKind::Ball, Color::Red));
    let mut env = BabyEnv::new(w.clone(), instr.clone(), None);
    assert!(!env.step(Action::Pickup).terminated); // the key: not it
    let _ = env.step(Action::Drop);
    let _ = env.step(Action::Right);
    assert!(env.step(Action::Pickup).terminated);
    let mut strict = BabyEnv::new(w, instr.with_strict(true), None);
    let s = strict.step(Action::Pickup);
    assert!(s.terminated && s.reward == 0.0);
}

#[test]
fn put_next_succeeds_on_a_drop_next_to_a_fixed_object() {
    let mut w = room(8, (2, 2), Dir::Right);
    w.grid.put_obj(3, 2, Obj::new(ObjKind::Ball, Color::Red));
    w.grid.put_obj(5, 4, Obj::new(ObjKind::Key, Color::Blue));
    let instr = Instr::put_next(
        desc(ObjKind::Ball, Color::Red),
        desc(ObjKind::Key, Color::Blue),
    );
    let mut env = BabyEnv::new(w, instr, None);
    assert_eq!(env.mission(), "put the red ball next to the blue key");
    assert_eq!(env.max_steps(), 2 * 64);
    let _ = env.step(Action::Pickup);
    let _ = env.step(Action::Forward); // (3, 2)
    let _ = env.step(Action::Right); // facing down, front (3, 3): not adjacent to (5, 4)
    assert!(!env.step(Action::Drop).terminated);
    let _ = env.step(Action::Pickup);
    let _ = env.step(Action::Left);
    let _ = env.step(Action::Forward); // (4, 2)
    let _ = env.step(Action::Right); // front (4, 3): still diagonal to (5, 4)
    assert!(!env.step(Action::Drop).terminated);
    let _ = env.step(Action::Pickup);
    let _ = env.step(Action::Left);
    let _ = env.step(Action::Forward); // (5, 2)
    let _ = env.step(Action::Right); // front (5, 3): next to (5, 4)
    assert!(env.step(Action::Drop).terminated);
}

#[test]
fn tracked_positions_are_refreshed_only_after_a_drop() {
    let mut w = room(7, (1, 1), Dir::Down);
    let ball = w.grid.put_obj(2, 1, Obj::new(ObjKind::Ball, Color::Red));
    let instr = Instr::go_to(desc(ObjKind::Ball, Color::Red));
    let mut env = BabyEnv::new(w, instr, None);
    // Move the ball behind the verifier's back (as a carried object would leave).
    env.world_mut().grid.set(2, 1, Cell::Empty);
    env.world_mut().grid.set(5, 5, Cell::Obj(ball));
    let mut stale = env.clone();
    assert!(
        stale.step(Action::Left).terminated,
        "stale position still counts"
    );
    // Any drop action (even one that drops nothing) refreshes the positions.
    assert!(!env.step(Action::Drop).terminated);
    assert!(!env.step(Action::Left).terminated);
}

#[test]
fn before_and_after_enforce_order_and_and_accepts_any_order() {
    let mut w = room(7, (2, 2), Dir::Right);
    w.grid.put_obj(3, 2, Obj::new(ObjKind::Ball, Color::Red)); // right of agent
    w.grid.put_obj(2, 3, Obj::new(ObjKind::Key, Color::Blue)); // below agent
    let ball = Instr::go_to(desc(ObjKind::Ball, Color::Red));
    let key = Instr::go_to(desc(ObjKind::Key, Color::Blue));
    // Before(key, ball): facing the ball first does nothing; key then ball succeeds.
    let mut env = BabyEnv::new(w.clone(), Instr::before(key.clone(), ball.clone()), None);
    assert_eq!(env.mission(), "go to the blue key, then go to the red ball");
    assert!(!env.step(Action::Done).terminated);
    assert!(!env.step(Action::Right).terminated); // key done
    assert!(env.step(Action::Left).terminated); // ball
    // After(ball, key) is the same order.
    let mut env = BabyEnv::new(w.clone(), Instr::after(ball.clone(), key.clone()), None);
    assert_eq!(
        env.mission(),
        "go to the red ball after you go to the blue key"
    );
    assert!(!env.step(Action::Done).terminated);
    assert!(!env.step(Action::Right).terminated);
    assert!(env.step(Action::Left).terminated);
    // And: ball then key.
    let mut env = BabyEnv::new(w.clone(), Instr::and(ball.clone(), key.clone()), None);
    assert!(!env.step(Action::Done).terminated);
    assert!(env.step(Action::Right).terminated);
    // Strict Before: completing the second part first fails.
    let mut env = BabyEnv::new(w, Instr::before(key, ball).with_strict(true), None);
    let s = env.step(Action::Done);
    assert!(s.terminated && s.reward == 0.0);
}

#[test]
fn before_checks_the_second_part_in_the_step_the_first_completes() {
    let mut w = room(7, (2, 2), Dir::Right);
    w.grid.put_obj(3, 2, Obj::new(ObjKind::Ball, Color::Red));
    let ball = Instr::go_to(desc(ObjKind::Ball, Color::Red));
    let red = Instr::go_to(ObjDesc::new(None, Some(Color::Red)));
    let mut env = BabyEnv::new(w, Instr::before(ball, red), None);
    assert!(env.step(Action::Done).terminated);
}
