//! Directory task sets over the reference game folders.
use alfworld_core::TaskType;
use alfworld_core::taskset_dir::{DirError, DirTaskSet};
use std::path::PathBuf;

mod reference;

fn games_dir() -> Option<PathBuf> {
    reference::path("alfworld/games")
}

#[test]
fn reference_folders_load_in_path_order() {
    let Some(root) = games_dir() else {
        return;
    };
    let set = DirTaskSet::open(&root.join("authored_v042"), None).unwrap();
    assert_eq!(set.len(), 7);
    let mut sorted = set.paths().to_vec();
    sorted.sort();
    assert_eq!(set.paths(), &sorted[..]);
    for i in 0..set.len() {
        let game = set.game(i).unwrap();
        assert!(game.task_type().is_some());
    }
    let two = DirTaskSet::open(&root, Some(TaskType::PickTwoObjAndPlace)).unwrap();
    assert_eq!(two.len(), 4, "{:?}", two.paths());
}

#[test]
fn errors_name_the_path() {
    let missing = PathBuf::from("/nonexistent-gridhouse-dir");
    let e = DirTaskSet::open(&missing, None).unwrap_err();
    assert!(matches!(e, DirError::Io { .. }));
    assert!(e.to_string().contains("/nonexistent-gridhouse-dir"), "{e}");
    let Some(root) = games_dir() else { return };
    // The unsolvable reference game is found but does not load.
    let set = DirTaskSet::open(&root.join("unsolvable"), None).unwrap();
    let e = set.game(0).unwrap_err();
    assert!(matches!(e, DirError::Load { .. }));
    assert!(e.to_string().contains("game.tw-pddl"), "{e}");
    let empty = std::env::temp_dir().join(format!("gridhouse-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    assert!(matches!(
        DirTaskSet::open(&empty, None),
        Err(DirError::Empty(_))
    ));
    std::fs::remove_dir_all(&empty).ok();
}
