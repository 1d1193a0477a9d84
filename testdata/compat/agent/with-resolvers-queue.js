const { promise, resolve } = Promise.withResolvers();
const log = [];
setTimeout(() => { log.push('tick'); resolve('done'); }, 5);
log.push('waiting');
const v = await promise;
log.push(v);
return log;
