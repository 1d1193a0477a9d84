function Timer() {
  const self = this;
  self.ticks = 0;
  self.tick = function () { self.ticks++; return self; };
}
const t = new Timer();
t.tick().tick();
return t.ticks;
