const log = `2025-01-02 10:00:01 ERROR db timeout id=17
2025-01-02 10:00:05 INFO ok id=18
2025-01-02 10:01:00 ERROR auth failed id=19`;
const re = /^(?<date>\S+) (?<time>\S+) (?<level>[A-Z]+) (?<msg>.*?) id=(?<id>\d+)$/gm;
const errors = [...log.matchAll(re)].filter((m) => m.groups.level === 'ERROR').map((m) => ({ id: Number(m.groups.id), msg: m.groups.msg }));
console.log(errors);
return errors;
