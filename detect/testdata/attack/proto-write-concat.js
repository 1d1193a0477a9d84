const o = {};
o['__pro' + 'to__'].polluted = 1;
return {}.polluted;
