const grid = [[1, 2, 3], [4, 42, 6], [7, 8, 9]];
let found = null;
outer: for (let i = 0; i < grid.length; i++) {
  for (let j = 0; j < grid[i].length; j++) {
    if (grid[i][j] === 42) {
      found = [i, j];
      break outer;
    }
  }
}
return found;
