//! Room geometry of a Minigrid `RoomGrid` (rooms share their walls).

/// The room layout of a level: `num_rows x num_cols` square rooms of side `room_size`
/// (walls included), adjacent rooms sharing a wall. Single-room levels use 1 x 1 with
/// `room_size` equal to the grid side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RoomLayout {
    /// Side of one room in cells, walls included (Minigrid's `room_size`, at least 3).
    pub room_size: u8,
    /// Rooms along y (`num_rows`).
    pub num_rows: u8,
    /// Rooms along x (`num_cols`).
    pub num_cols: u8,
}

impl RoomLayout {
    /// A layout; `room_size` is raised to 3 and the counts to 1 if smaller.
    pub const fn new(room_size: u8, num_rows: u8, num_cols: u8) -> RoomLayout {
        RoomLayout {
            room_size: if room_size < 3 { 3 } else { room_size },
            num_rows: if num_rows < 1 { 1 } else { num_rows },
            num_cols: if num_cols < 1 { 1 } else { num_cols },
        }
    }

    /// Grid width: `(room_size - 1) * num_cols + 1`.
    pub const fn width(&self) -> i32 {
        (self.room_size as i32 - 1) * self.num_cols as i32 + 1
    }

    /// Grid height: `(room_size - 1) * num_rows + 1`.
    pub const fn height(&self) -> i32 {
        (self.room_size as i32 - 1) * self.num_rows as i32 + 1
    }

    /// Minigrid's `room_from_pos`: room `(i, j)` (column, row) holding `(x, y)`, clamped
    /// to the last room (Minigrid asserts instead).
    pub const fn room_from_pos(&self, x: i32, y: i32) -> (i32, i32) {
        // `max(1)`: a hand-built layout with `room_size < 2` must not divide by zero.
        let s = if self.room_size < 2 {
            1
        } else {
            self.room_size as i32 - 1
        };
        let mut i = x / s;
        let mut j = y / s;
        if i >= self.num_cols as i32 {
            i = self.num_cols as i32 - 1;
        }
        if j >= self.num_rows as i32 {
            j = self.num_rows as i32 - 1;
        }
        (i, j)
    }

    /// Top-left cell of room `(i, j)`: `(i * (room_size-1), j * (room_size-1))`.
    pub const fn room_top(&self, i: i32, j: i32) -> (i32, i32) {
        let s = self.room_size as i32 - 1;
        (i * s, j * s)
    }

    /// Minigrid's `Room.pos_inside`: whether `(x, y)` lies in room `(i, j)`, walls included.
    pub const fn pos_inside(&self, room: (i32, i32), x: i32, y: i32) -> bool {
        let (tx, ty) = self.room_top(room.0, room.1);
        let s = self.room_size as i32;
        x >= tx && y >= ty && x < tx + s && y < ty + s
    }
}
