//! A tiny hand-written ALFWorld game for examples, tests and benches.
//!
//! It follows the real data's conventions (mangled ids, `loc_bar_…` locations, `canContain`
//! pairs, a goal from ALFWorld's goal library) with a small domain carrying ALFWorld 0.4.2's
//! action signatures: a kitchen with a countertop (an apple and a desk lamp), a fridge, a
//! microwave (a mug) and a sink basin (a second apple and a knife); the task is to put an apple
//! in the fridge. [`with_goal`] swaps in another goal (one per task type in the tests).

/// A compact domain with ALFWorld 0.4.2's actions (signatures and the preconditions the
/// engine reads).
pub const TINY_DOMAIN: &str = r#"(define (domain alfred)
 (:requirements :adl)
 (:types agent location receptacle object rtype otype)
 (:action look :parameters (?a - agent ?l - location) :precondition (and (atLocation ?a ?l)) :effect (and (checked ?l)))
 (:action inventory :parameters (?a - agent) :precondition () :effect (and (checked ?a)))
 (:action examineReceptacle :parameters (?a - agent ?r - receptacle) :precondition (and) :effect (and (checked ?r)))
 (:action examineObject :parameters (?a - agent ?o - object) :precondition (holds ?a ?o) :effect (and (checked ?o)))
 (:action GotoLocation :parameters (?a - agent ?lStart - location ?lEnd - location ?r - receptacle) :precondition (and (atLocation ?a ?lStart) (receptacleAtLocation ?r ?lEnd)) :effect (and (not (atLocation ?a ?lStart)) (atLocation ?a ?lEnd)))
 (:action OpenObject :parameters (?a - agent ?l - location ?r - receptacle) :precondition (and (openable ?r) (not (opened ?r))) :effect (and (opened ?r)))
 (:action CloseObject :parameters (?a - agent ?l - location ?r - receptacle) :precondition (and (openable ?r) (opened ?r)) :effect (and (not (opened ?r))))
 (:action PickupObject :parameters (?a - agent ?l - location ?o - object ?r - receptacle) :precondition (and (pickupable ?o)) :effect (and (holds ?a ?o)))
 (:action PutObject :parameters (?a - agent ?l - location ?o - object ?r - receptacle ?ot - otype ?rt - rtype) :precondition (and (holds ?a ?o) (canContain ?rt ?ot)) :effect (and (inReceptacle ?o ?r)))
 (:action CleanObject :parameters (?a - agent ?l - location ?r - receptacle ?o - object) :precondition (and (cleanable ?o) (or (receptacleType ?r SinkBasinType))) :effect (and (isClean ?o)))
 (:action HeatObject :parameters (?a - agent ?l - location ?r - receptacle ?o - object) :precondition (and (heatable ?o) (or (receptacleType ?r MicrowaveType))) :effect (and (isHot ?o)))
 (:action CoolObject :parameters (?a - agent ?l - location ?r - receptacle ?o - object) :precondition (and (coolable ?o) (or (receptacleType ?r FridgeType))) :effect (and (isCool ?o)))
 (:action ToggleObject :parameters (?a - agent ?l - location ?o - object ?r - receptacle) :precondition (and (toggleable ?o)) :effect (and (isToggled ?o)))
 (:action SliceObject :parameters (?a - agent ?l - location ?co - object ?ko - object) :precondition (and (sliceable ?co) (or (objectType ?ko KnifeType) (objectType ?ko ButterKnifeType))) :effect (and (isSliced ?co)))
 (:action help :parameters (?a - agent) :precondition () :effect (and (checked ?a)))
)"#;

/// The tiny game's PDDL problem.
pub const TINY_PROBLEM: &str = r#"(define (problem plan_tiny)
 (:domain alfred)
 (:objects
  agent1 - agent
  AppleType DeskLampType KnifeType MugType - otype
  CounterTopType FridgeType MicrowaveType SinkBasinType - rtype
  Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60 - object
  Knife_bar__plus_01_dot_50_bar__plus_00_dot_92_bar__plus_00_dot_50 - object
  Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13 - object
  DeskLamp_bar__plus_01_dot_20_bar__plus_00_dot_90_bar__plus_00_dot_20 - object
  Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30 - object
  CounterTop_bar__plus_01_dot_59_bar__plus_00_dot_95_bar__plus_00_dot_41 - receptacle
  Fridge_bar__minus_02_dot_10_bar__plus_00_dot_00_bar__plus_01_dot_07 - receptacle
  Microwave_bar__minus_01_dot_32_bar__plus_01_dot_52_bar__minus_01_dot_71 - receptacle
  Sink_bar__minus_00_dot_11_bar__plus_00_dot_89_bar__minus_02_dot_01_bar_SinkBasin - receptacle
  loc_bar_0_bar_0_bar_1_bar_30 loc_bar_5_bar_2_bar_1_bar_45 loc_bar__minus_5_bar_4_bar_3_bar_15 - location
  loc_bar__minus_5_bar__minus_5_bar_2_bar_0 loc_bar_0_bar__minus_5_bar_2_bar_60 - location
 )
 (:init
  (receptacleType CounterTop_bar__plus_01_dot_59_bar__plus_00_dot_95_bar__plus_00_dot_41 CounterTopType)
  (receptacleType Fridge_bar__minus_02_dot_10_bar__plus_00_dot_00_bar__plus_01_dot_07 FridgeType)
  (receptacleType Microwave_bar__minus_01_dot_32_bar__plus_01_dot_52_bar__minus_01_dot_71 MicrowaveType)
  (receptacleType Sink_bar__minus_00_dot_11_bar__plus_00_dot_89_bar__minus_02_dot_01_bar_SinkBasin SinkBasinType)
  (objectType Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60 AppleType)
  (objectType Knife_bar__plus_01_dot_50_bar__plus_00_dot_92_bar__plus_00_dot_50 KnifeType)
  (objectType Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13 AppleType)
  (objectType DeskLamp_bar__plus_01_dot_20_bar__plus_00_dot_90_bar__plus_00_dot_20 DeskLampType)
  (pickupable Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13)
  (heatable Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13)
  (coolable Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13)
  (cleanable Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13)
  (sliceable Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13)
  (toggleable DeskLamp_bar__plus_01_dot_20_bar__plus_00_dot_90_bar__plus_00_dot_20)
  (inReceptacle Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13 Sink_bar__minus_00_dot_11_bar__plus_00_dot_89_bar__minus_02_dot_01_bar_SinkBasin)
  (objectAtLocation Apple_bar__minus_00_dot_47_bar__plus_00_dot_97_bar__plus_01_dot_13 loc_bar_0_bar__minus_5_bar_2_bar_60)
  (inReceptacle DeskLamp_bar__plus_01_dot_20_bar__plus_00_dot_90_bar__plus_00_dot_20 CounterTop_bar__plus_01_dot_59_bar__plus_00_dot_95_bar__plus_00_dot_41)
  (objectAtLocation DeskLamp_bar__plus_01_dot_20_bar__plus_00_dot_90_bar__plus_00_dot_20 loc_bar_5_bar_2_bar_1_bar_45)
  (objectType Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30 MugType)
  (canContain CounterTopType AppleType) (canContain CounterTopType DeskLampType) (canContain CounterTopType KnifeType) (canContain CounterTopType MugType)
  (canContain FridgeType AppleType) (canContain FridgeType MugType)
  (canContain MicrowaveType AppleType) (canContain MicrowaveType MugType)
  (canContain SinkBasinType AppleType) (canContain SinkBasinType KnifeType) (canContain SinkBasinType MugType)
  (pickupable Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60)
  (pickupable Knife_bar__plus_01_dot_50_bar__plus_00_dot_92_bar__plus_00_dot_50)
  (pickupable Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30)
  (isReceptacleObject Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30)
  (openable Fridge_bar__minus_02_dot_10_bar__plus_00_dot_00_bar__plus_01_dot_07)
  (openable Microwave_bar__minus_01_dot_32_bar__plus_01_dot_52_bar__minus_01_dot_71)
  (atLocation agent1 loc_bar_0_bar_0_bar_1_bar_30)
  (cleanable Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60)
  (cleanable Knife_bar__plus_01_dot_50_bar__plus_00_dot_92_bar__plus_00_dot_50)
  (cleanable Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30)
  (heatable Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60)
  (heatable Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30)
  (coolable Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60)
  (coolable Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30)
  (sliceable Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60)
  (inReceptacle Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60 CounterTop_bar__plus_01_dot_59_bar__plus_00_dot_95_bar__plus_00_dot_41)
  (inReceptacle Knife_bar__plus_01_dot_50_bar__plus_00_dot_92_bar__plus_00_dot_50 Sink_bar__minus_00_dot_11_bar__plus_00_dot_89_bar__minus_02_dot_01_bar_SinkBasin)
  (inReceptacle Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30 Microwave_bar__minus_01_dot_32_bar__plus_01_dot_52_bar__minus_01_dot_71)
  (receptacleAtLocation CounterTop_bar__plus_01_dot_59_bar__plus_00_dot_95_bar__plus_00_dot_41 loc_bar_5_bar_2_bar_1_bar_45)
  (receptacleAtLocation Fridge_bar__minus_02_dot_10_bar__plus_00_dot_00_bar__plus_01_dot_07 loc_bar__minus_5_bar_4_bar_3_bar_15)
  (receptacleAtLocation Microwave_bar__minus_01_dot_32_bar__plus_01_dot_52_bar__minus_01_dot_71 loc_bar__minus_5_bar__minus_5_bar_2_bar_0)
  (receptacleAtLocation Sink_bar__minus_00_dot_11_bar__plus_00_dot_89_bar__minus_02_dot_01_bar_SinkBasin loc_bar_0_bar__minus_5_bar_2_bar_60)
  (objectAtLocation Apple_bar__plus_00_dot_30_bar__plus_00_dot_80_bar__plus_00_dot_60 loc_bar_5_bar_2_bar_1_bar_45)
  (objectAtLocation Knife_bar__plus_01_dot_50_bar__plus_00_dot_92_bar__plus_00_dot_50 loc_bar_0_bar__minus_5_bar_2_bar_60)
  (objectAtLocation Mug_bar__plus_01_dot_40_bar__plus_00_dot_90_bar__plus_00_dot_30 loc_bar__minus_5_bar__minus_5_bar_2_bar_0)
 )
 (:goal (and (exists (?r - receptacle) (exists (?o - object) (and (inReceptacle ?o ?r) (objectType ?o AppleType) (receptacleType ?r FridgeType))))))
)"#;

/// The grammar lines the loader reads: the task sentence and the 0.4.2 `move` template.
pub const TINY_GRAMMAR: &str = r##"grammar :: """
    {
        "task": [
            {
                "rhs": "Your task is to: put some apple in fridge."
            }
        ]
    }
""";

action PutObject {
    template :: "move {o} to {r}";
    feedback :: "#PutObject.feedback#";
}
"##;

/// The tiny problem with its `(:goal …)` replaced by `goal` (a PDDL formula).
pub fn with_goal(goal: &str) -> String {
    let at = TINY_PROBLEM.find(" (:goal").unwrap_or(TINY_PROBLEM.len());
    format!("{} (:goal {goal})\n)", &TINY_PROBLEM[..at])
}

/// The tiny game as `game.tw-pddl` JSON text.
pub fn tiny_game_json() -> String {
    tw_pddl_json(TINY_DOMAIN, TINY_GRAMMAR, TINY_PROBLEM)
}

/// Builds `game.tw-pddl` JSON text from its three parts.
pub fn tw_pddl_json(domain: &str, grammar: &str, problem: &str) -> String {
    let v = serde_json::json!({
        "pddl_domain": domain,
        "grammar": grammar,
        "pddl_problem": problem,
        "solvable": true,
        "walkthrough": null,
    });
    v.to_string()
}
