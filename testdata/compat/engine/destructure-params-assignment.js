function summarize({ title = "untitled", stats: { views = 0, likes: [up = 0, down = 0] = [] } = {} } = {}) {
  return `${title}: ${views} views, +${up}/-${down}`;
}
let a, b;
({ pair: [a = "left", b = "right"] = [] } = {});
const results = [summarize(), summarize({ title: "post", stats: { views: 10, likes: [3] } })];
return { results, a, b };
