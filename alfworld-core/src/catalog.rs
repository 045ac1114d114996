//! ALFRED's class knowledge (alfworld `gen/constants.py`): which classes are receptacles,
//! which open, and the affordance tables, as compact flags.
//!
//! A loaded game takes its facts from its PDDL problem (which ALFWorld generated from these
//! tables); the catalog answers the same questions for a class name without a game.
//!
//! ```
//! use alfworld_core::catalog::{class_props, Props};
//! assert!(class_props("Apple").contains(Props::HEATABLE | Props::SLICEABLE));
//! assert!(class_props("fridge").contains(Props::OPENABLE | Props::RECEPTACLE));
//! assert!(class_props("Mug").contains(Props::RECEPTACLE_OBJECT));
//! ```

use bitflags::bitflags;

bitflags! {
    /// Properties of an ALFRED class or of one object in a game.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
    pub struct Props: u16 {
        /// Can be opened (`OPENABLE_CLASS_LIST`).
        const OPENABLE = 1;
        /// Can be picked up.
        const PICKUPABLE = 1 << 1;
        /// Can be cleaned in a sink basin.
        const CLEANABLE = 1 << 2;
        /// Can be heated in a microwave.
        const HEATABLE = 1 << 3;
        /// Can be cooled in a fridge.
        const COOLABLE = 1 << 4;
        /// Can be switched on (lamps).
        const TOGGLEABLE = 1 << 5;
        /// Can be sliced with a knife.
        const SLICEABLE = 1 << 6;
        /// A movable receptacle (bowl, cup, mug, …): an object that holds objects.
        const RECEPTACLE_OBJECT = 1 << 7;
        /// A receptacle class (`RECEPTACLES`).
        const RECEPTACLE = 1 << 8;
    }
}

/// `RECEPTACLES`: every receptacle class.
pub const RECEPTACLES: &[&str] = &[
    "ArmChair",
    "BathtubBasin",
    "Bed",
    "Bowl",
    "Box",
    "Cabinet",
    "Cart",
    "CoffeeMachine",
    "CoffeeTable",
    "CounterTop",
    "Cup",
    "Desk",
    "DiningTable",
    "Drawer",
    "Dresser",
    "Fridge",
    "GarbageCan",
    "HandTowelHolder",
    "LaundryHamper",
    "Microwave",
    "Mug",
    "Ottoman",
    "PaintingHanger",
    "Pan",
    "Plate",
    "Pot",
    "Safe",
    "Shelf",
    "SideTable",
    "SinkBasin",
    "Sofa",
    "StoveBurner",
    "Toaster",
    "Toilet",
    "ToiletPaperHanger",
    "TowelHolder",
    "TVStand",
];

// The affordance tables below are sorted (byte order, for binary search: the generator
// uses them too); ALFWorld's own lists hold the same classes in another order.

/// `MOVABLE_RECEPTACLES`: receptacles that are objects in the PDDL problems.
pub const MOVABLE_RECEPTACLES: &[&str] = &["Bowl", "Box", "Cup", "Mug", "Pan", "Plate", "Pot"];

/// `OPENABLE_CLASS_LIST`.
pub const OPENABLE: &[&str] = &["Box", "Cabinet", "Drawer", "Fridge", "Microwave", "Safe"];

/// `VAL_ACTION_OBJECTS["Heatable"]`.
pub const HEATABLE: &[&str] = &[
    "Apple",
    "AppleSliced",
    "Bread",
    "BreadSliced",
    "Cup",
    "Egg",
    "Mug",
    "Plate",
    "Potato",
    "PotatoSliced",
    "Tomato",
    "TomatoSliced",
];

/// `VAL_ACTION_OBJECTS["Coolable"]`.
pub const COOLABLE: &[&str] = &[
    "Apple",
    "AppleSliced",
    "Bowl",
    "Bread",
    "BreadSliced",
    "Cup",
    "Egg",
    "Lettuce",
    "LettuceSliced",
    "Mug",
    "Pan",
    "Plate",
    "Pot",
    "Potato",
    "PotatoSliced",
    "Tomato",
    "TomatoSliced",
    "WineBottle",
];

/// `VAL_ACTION_OBJECTS["Cleanable"]`.
pub const CLEANABLE: &[&str] = &[
    "Apple",
    "AppleSliced",
    "Bowl",
    "ButterKnife",
    "Cloth",
    "Cup",
    "DishSponge",
    "Egg",
    "Fork",
    "Kettle",
    "Knife",
    "Ladle",
    "Lettuce",
    "LettuceSliced",
    "Mug",
    "Pan",
    "Plate",
    "Pot",
    "Potato",
    "PotatoSliced",
    "SoapBar",
    "Spatula",
    "Spoon",
    "Tomato",
    "TomatoSliced",
];

/// `VAL_ACTION_OBJECTS["Toggleable"]`.
pub const TOGGLEABLE: &[&str] = &["DeskLamp", "FloorLamp"];

/// `VAL_ACTION_OBJECTS["Sliceable"]`.
pub const SLICEABLE: &[&str] = &["Apple", "Bread", "Egg", "Lettuce", "Potato", "Tomato"];

/// Object classes that slice (`SliceObject`'s knife types).
pub const KNIVES: &[&str] = &["Knife", "ButterKnife"];

fn member(list: &[&str], class: &str) -> bool {
    list.iter().any(|c| c.eq_ignore_ascii_case(class))
}

/// The class-level properties of an ALFRED class name (case-insensitive). `PICKUPABLE` is
/// per object in ALFRED (from THOR metadata), so it is never set here.
pub fn class_props(class: &str) -> Props {
    let mut p = Props::empty();
    let tables: [(&[&str], Props); 8] = [
        (RECEPTACLES, Props::RECEPTACLE),
        (MOVABLE_RECEPTACLES, Props::RECEPTACLE_OBJECT),
        (OPENABLE, Props::OPENABLE),
        (HEATABLE, Props::HEATABLE),
        (COOLABLE, Props::COOLABLE),
        (CLEANABLE, Props::CLEANABLE),
        (TOGGLEABLE, Props::TOGGLEABLE),
        (SLICEABLE, Props::SLICEABLE),
    ];
    for (list, flag) in tables {
        if member(list, class) {
            p |= flag;
        }
    }
    p
}
