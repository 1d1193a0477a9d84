// expect: blocked
const F: any = (() => {}).constructor;
return F('return 1')();
