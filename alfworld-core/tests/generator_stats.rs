//! Statistics of the generated task sets against ALFRED's sampling rules (issue 15), printed
//! with `--nocapture`, with the rules asserted:
//! * ALFRED's `get_filter_crit`: a clean / heat / cool target's object class has no instance
//!   in a sink basin / microwave / fridge (directly or inside a movable receptacle there);
//! * heat and cool tasks never put into a sink basin (real data), the goal receptacle is never
//!   the appliance itself, a toaster, or (pick-two) a coffee machine or a towel / paper holder
//!   (`generate_trajectories.py`);
//! * lamps stand only on lamp furniture (or on the floor), never in bathroom fixtures, sofas
//!   or armchairs.

use alfworld_core::generator::{GeneratedGame, Place, Split, TaskType};

fn in_class(g: &GeneratedGame, o: usize, class: &str) -> bool {
    let h = &g.household;
    match h.objects[o].place {
        Place::In(r) => h.receptacles[r].class == class,
        Place::InObject(c) => {
            matches!(h.objects[c].place, Place::In(r) if h.receptacles[r].class == class)
        }
        Place::Loose => false,
    }
}

fn filter_violation(g: &GeneratedGame) -> bool {
    let appliance = match g.task.task_type {
        TaskType::PickCleanThenPlace => "SinkBasin",
        TaskType::PickHeatThenPlace => "Microwave",
        TaskType::PickCoolThenPlace => "Fridge",
        _ => return false,
    };
    (0..g.household.objects.len())
        .any(|o| g.household.objects[o].class == g.task.object && in_class(g, o, appliance))
}

#[test]
fn task_sets_follow_alfreds_sampling_rules() {
    let mut per_type = [[0usize; 3]; 6]; // games, filter violations, into a sink basin
    let mut lamp_hosts: Vec<(String, usize)> = Vec::new();
    let mut bad_lamps = Vec::new();
    let mut bad_parents = Vec::new();
    let mut parents: Vec<(String, usize)> = Vec::new();
    for split in Split::ALL {
        for i in 0..split.len() {
            let g = split.game(i).unwrap();
            let t = g.task.task_type.position();
            per_type[t][0] += 1;
            per_type[t][1] += usize::from(filter_violation(&g));
            per_type[t][2] += usize::from(g.task.parent == "SinkBasin");
            let bad_parent = match g.task.task_type {
                TaskType::PickHeatThenPlace => ["Microwave", "SinkBasin", "Toaster"].as_slice(),
                TaskType::PickCoolThenPlace => &["Fridge", "SinkBasin", "Toaster"],
                TaskType::PickCleanThenPlace => &["SinkBasin", "Toaster"],
                TaskType::PickTwoObjAndPlace => &[
                    "CoffeeMachine",
                    "ToiletPaperHanger",
                    "HandTowelHolder",
                    "Toaster",
                ],
                _ => &["Toaster"],
            };
            if matches!(
                g.task.task_type,
                TaskType::PickHeatThenPlace | TaskType::PickCoolThenPlace
            ) {
                let key = format!("{} -> {}", g.task.task_type.name(), g.task.parent);
                match parents.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += 1,
                    None => parents.push((key, 1)),
                }
            }
            if bad_parent.contains(&g.task.parent) {
                bad_parents.push(format!("{split} {i}: {}", g.task.sentence));
            }
            for o in &g.household.objects {
                if !matches!(o.class, "DeskLamp" | "FloorLamp") {
                    continue;
                }
                let host = match o.place {
                    Place::In(r) => g.household.receptacles[r].class.to_string(),
                    _ => "(floor)".to_string(),
                };
                if matches!(
                    host.as_str(),
                    "Sofa"
                        | "ArmChair"
                        | "GarbageCan"
                        | "SinkBasin"
                        | "Toilet"
                        | "ToiletPaperHanger"
                        | "TowelHolder"
                        | "HandTowelHolder"
                        | "CounterTop"
                        | "Cabinet"
                        | "BathtubBasin"
                ) {
                    bad_lamps.push(format!("{split} {i} {} on {host}", o.class));
                }
                let key = format!("{} on {host}", o.class);
                match lamp_hosts.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += 1,
                    None => lamp_hosts.push((key, 1)),
                }
            }
        }
    }
    lamp_hosts.sort();
    for (t, row) in TaskType::ALL.iter().zip(&per_type) {
        println!(
            "{:32} games {:5} filter violations {:4} into sinkbasin {:4}",
            t.name(),
            row[0],
            row[1],
            row[2]
        );
    }
    parents.sort();
    println!("heat/cool goal receptacles: {parents:?}");
    println!("lamp placements (lamp instances over all games): {lamp_hosts:?}");
    println!("lamps misplaced: {}", bad_lamps.len());
    for row in &per_type {
        assert_eq!(row[1], 0, "ALFRED's filter violated: {per_type:?}");
    }
    println!("goal receptacles against the rules: {}", bad_parents.len());
    assert!(
        bad_parents.is_empty(),
        "{:?}",
        &bad_parents[..bad_parents.len().min(5)]
    );
    assert!(
        bad_lamps.is_empty(),
        "{} lamps misplaced, e.g. {:?}",
        bad_lamps.len(),
        &bad_lamps[..bad_lamps.len().min(5)]
    );
}
