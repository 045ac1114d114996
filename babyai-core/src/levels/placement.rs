//! Object and agent placement with Minigrid's rejection loops (`place_obj`, `place_in_room`,
//! `add_object`, `add_distractors`, `place_agent`) and the reachability check.

use super::roomgrid::{
    COLOR_NAMES, Cell, ColorIdx, Gen, GenObj, GenResult, Kind, OBJ_KINDS, Retry,
};

impl Gen {
    /// `place_obj(obj, top, size, reject_fn, max_tries)`: draws `x` then `y` in the rectangle
    /// (clipped to the grid) until the cell is empty, not the agent's, and (with
    /// `reject_next_to`) at Manhattan distance >= 2 from the agent. `obj` `None` places nothing
    /// (used for the agent).
    pub fn place_obj(
        &mut self,
        obj: Option<u8>,
        top: (usize, usize),
        size: (usize, usize),
        reject_next_to: bool,
        max_tries: Option<u32>,
    ) -> GenResult<(usize, usize)> {
        let x_hi = (top.0 + size.0).min(self.width);
        let y_hi = (top.1 + size.1).min(self.height);
        let mut tries: u32 = 0;
        let pos = loop {
            if let Some(m) = max_tries {
                if tries > m {
                    return Err(Retry::Recursion);
                }
            }
            tries += 1;
            let x = self.rng.rand_int(top.0, x_hi);
            let y = self.rng.rand_int(top.1, y_hi);
            if self.get(x, y) != Cell::Empty {
                continue;
            }
            let (ax, ay) = self.agent_pos;
            if (x as i64, y as i64) == (ax, ay) {
                continue;
            }
            if reject_next_to && (x as i64 - ax).abs() + (y as i64 - ay).abs() < 2 {
                continue;
            }
            break (x, y);
        };
        if let Some(o) = obj {
            self.put_obj(o, pos.0, pos.1);
        }
        Ok(pos)
    }

    /// `place_in_room(i, j, obj)`: `place_obj` over the room with `reject_next_to`,
    /// 1000 tries; records the object in the room.
    pub fn place_in_room(&mut self, i: usize, j: usize, obj: u8) -> GenResult<(usize, usize)> {
        let r = self.room(i, j);
        let (top, size) = (r.top, r.size);
        let pos = self.place_obj(Some(obj), top, size, true, Some(1000))?;
        self.room_mut(i, j).objs.push(obj);
        Ok(pos)
    }

    /// `add_object(i, j, kind, color)`: kind drawn from key/ball/box, then colour, if absent.
    pub fn add_object(
        &mut self,
        i: usize,
        j: usize,
        kind: Option<Kind>,
        color: Option<ColorIdx>,
    ) -> GenResult<(u8, (usize, usize))> {
        let kind = match kind {
            Some(k) => k,
            None => self.rng.rand_elem(&OBJ_KINDS),
        };
        let color = match color {
            Some(c) => c,
            None => self.rand_color(),
        };
        let o = self.new_obj(GenObj::new(kind, color));
        let pos = self.place_in_room(i, j, o)?;
        Ok((o, pos))
    }

    /// `add_distractors(i, j, num_distractors, all_unique)`: colour then kind per object,
    /// redrawn while `all_unique` and the pair exists; room drawn (`i` then `j`) if absent.
    pub fn add_distractors(
        &mut self,
        i: Option<usize>,
        j: Option<usize>,
        num: usize,
        all_unique: bool,
    ) -> GenResult<Vec<u8>> {
        let mut existing: Vec<(Kind, ColorIdx)> = Vec::new();
        for r in &self.rooms {
            for &o in &r.objs {
                let ob = &self.objs[o as usize];
                existing.push((ob.kind, ob.color));
            }
        }
        let mut dists = Vec::with_capacity(num);
        while dists.len() < num {
            let color = self.rng.rand_elem(&COLOR_NAMES);
            let kind = self.rng.rand_elem(&OBJ_KINDS);
            if all_unique && existing.contains(&(kind, color)) {
                continue;
            }
            let ri = match i {
                Some(v) => v,
                None => self.rng.rand_int(0, self.num_cols),
            };
            let rj = match j {
                Some(v) => v,
                None => self.rng.rand_int(0, self.num_rows),
            };
            let (o, _) = self.add_object(ri, rj, Some(kind), Some(color))?;
            existing.push((kind, color));
            dists.push(o);
        }
        Ok(dists)
    }

    /// `RoomGrid.place_agent(i, j, rand_dir=True)`: room drawn (`i` then `j`) if absent, then
    /// a random empty cell and direction, repeated until the front cell is empty or a wall.
    pub fn place_agent(&mut self, i: Option<usize>, j: Option<usize>) -> GenResult<()> {
        let i = match i {
            Some(v) => v,
            None => self.rng.rand_int(0, self.num_cols),
        };
        let j = match j {
            Some(v) => v,
            None => self.rng.rand_int(0, self.num_rows),
        };
        let r = self.room(i, j);
        let (top, size) = (r.top, r.size);
        loop {
            self.agent_pos = (-1, -1);
            let pos = self.place_obj(None, top, size, false, Some(1000))?;
            self.agent_pos = (pos.0 as i64, pos.1 as i64);
            self.agent_dir = self.rng.rand_int(0, 4) as u8;
            let (fx, fy) = self.front_pos();
            let front = self.get(fx as usize, fy as usize);
            if matches!(front, Cell::Empty | Cell::Wall) {
                return Ok(());
            }
        }
    }

    /// `check_objs_reachable(raise_exc=False)`: flood fill from the agent through empty cells
    /// and doors; true iff every non-wall object is reached.
    pub fn objs_reachable(&self) -> bool {
        let (w, h) = (self.width, self.height);
        let mut reach = vec![false; w * h];
        let mut stack: Vec<(i64, i64)> = vec![self.agent_pos];
        while let Some((x, y)) = stack.pop() {
            if x < 0 || y < 0 || x >= w as i64 || y >= h as i64 {
                continue;
            }
            let idx = y as usize * w + x as usize;
            if reach[idx] {
                continue;
            }
            reach[idx] = true;
            match self.cells[idx] {
                Cell::Empty => {}
                Cell::Obj(o) if self.objs[o as usize].kind == Kind::Door => {}
                _ => continue,
            }
            stack.push((x + 1, y));
            stack.push((x - 1, y));
            stack.push((x, y + 1));
            stack.push((x, y - 1));
        }
        self.cells
            .iter()
            .zip(&reach)
            .all(|(c, r)| !matches!(c, Cell::Obj(_)) || *r)
    }

    /// `check_objs_reachable()` raising `RejectSampling` when some object is unreachable.
    pub fn check_objs_reachable(&self) -> GenResult<()> {
        if self.objs_reachable() {
            Ok(())
        } else {
            Err(Retry::Reject)
        }
    }
}
