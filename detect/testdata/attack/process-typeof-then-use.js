if (typeof process !== 'undefined') return process.env.HOME;
return null;
