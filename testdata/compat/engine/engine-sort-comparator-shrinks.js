const queue = [5, 4, 3, 2, 1, 0, 9, 8, 7];
queue.sort((a, b) => {
  queue.length = 1; // a buggy comparator that mutates the array
  return a - b;
});
return queue;
